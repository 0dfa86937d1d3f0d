package org.yidan.settlement.core;

/** Masks personal data for bills and logs: a national ID keeps its last four characters. */
public final class Masking {
    private Masking() {}

    public static String certno(String certno) {
        if (certno == null) return null;
        int keep = Math.min(4, certno.length());
        return "*".repeat(certno.length() - keep) + certno.substring(certno.length() - keep);
    }
}
