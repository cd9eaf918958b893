package dev.palisade.inventory;

import io.fabric8.kubernetes.api.model.Volume;

/** Facts about pod volumes. */
public final class Volumes {

    private Volumes() {
    }

    /** The volume's source type as the API names it: {@code hostPath}, {@code emptyDir}, {@code secret}, ... */
    public static String type(Volume volume) {
        if (volume.getHostPath() != null) {
            return "hostPath";
        }
        if (volume.getEmptyDir() != null) {
            return "emptyDir";
        }
        if (volume.getSecret() != null) {
            return "secret";
        }
        if (volume.getConfigMap() != null) {
            return "configMap";
        }
        if (volume.getPersistentVolumeClaim() != null) {
            return "persistentVolumeClaim";
        }
        if (volume.getProjected() != null) {
            return "projected";
        }
        if (volume.getDownwardAPI() != null) {
            return "downwardAPI";
        }
        if (volume.getCsi() != null) {
            return "csi";
        }
        if (volume.getEphemeral() != null) {
            return "ephemeral";
        }
        if (volume.getNfs() != null) {
            return "nfs";
        }
        if (volume.getImage() != null) {
            return "image";
        }
        String[] others = {"awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume",
            "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "iscsi", "photonPersistentDisk", "portworxVolume",
            "quobyte", "rbd", "scaleIO", "storageos", "vsphereVolume"};
        for (String other : others) {
            if (has(volume, other)) {
                return other;
            }
        }
        return volume.getAdditionalProperties().keySet().stream().filter(k -> !k.equals("name")).findFirst()
                .orElse("none");
    }

    private static boolean has(Volume volume, String field) {
        try {
            String getter = "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
            return Volume.class.getMethod(getter).invoke(volume) != null;
        } catch (ReflectiveOperationException e) {
            return volume.getAdditionalProperties().containsKey(field);
        }
    }
}
