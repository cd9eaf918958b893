package dev.palisade.image.catalog;

import java.util.List;

/** The cataloguers Palisade runs on every image, OS package databases first. */
public final class Cataloguers {

    private Cataloguers() {
    }

    public static List<Cataloguer> all() {
        return List.of(new DpkgCataloguer(), new ApkCataloguer(), new RpmCataloguer(), new JavaArchiveCataloguer(),
                new NpmCataloguer(), new PythonCataloguer(), new GoBinaryCataloguer());
    }
}
