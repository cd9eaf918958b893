package dev.palisade.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** CIDR arithmetic on literal IPv4 and IPv6 addresses (no name resolution). */
final class Cidrs {

    private Cidrs() {
    }

    /** Whether the address lies in the CIDR block; false when either does not parse or the families differ. */
    static boolean contains(String cidr, String address) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !isLiteral(cidr.substring(0, slash)) || !isLiteral(address)) {
            return false;
        }
        try {
            byte[] network = InetAddress.getByName(cidr.substring(0, slash).trim()).getAddress();
            byte[] ip = InetAddress.getByName(address.trim()).getAddress();
            int prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
            if (network.length != ip.length || prefix < 0 || prefix > network.length * 8) {
                return false;
            }
            int shift = network.length * 8 - prefix;
            return new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, ip).shiftRight(shift));
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    /** Literal addresses only: InetAddress would otherwise look names up in DNS. */
    private static boolean isLiteral(String text) {
        String value = text.trim();
        return !value.isEmpty() && value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }
}
