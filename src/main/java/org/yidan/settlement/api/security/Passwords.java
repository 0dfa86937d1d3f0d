package org.yidan.settlement.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 with a random 16-byte salt, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>} so the iteration count can be raised later without
 * invalidating stored hashes. Passwords are never stored or logged.
 */
public final class Passwords {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Letters and digits without the look-alikes 0/O, 1/l/I: a generated password is read off a screen. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    public static final int MIN_LENGTH = 10;
    /** Different characters a password needs at least. */
    static final int MIN_DISTINCT = 4;

    private final int iterations;

    public Passwords(int iterations) {
        if (iterations < 10_000) throw new IllegalArgumentException("PBKDF2 iterations must be at least 10000, not " + iterations);
        this.iterations = iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
    }

    /** True when {@code password} matches {@code stored}; false for a hash this class cannot read. */
    public static boolean verify(String password, String stored) {
        if (password == null || stored == null) return false;
        String[] p = stored.split("\\$");
        if (p.length != 4 || !p[0].equals(SCHEME)) return false;
        try {
            int n = Integer.parseInt(p[1]);
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] expected = Base64.getDecoder().decode(p[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, n));
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /** A random password of {@code length} characters (about 5.8 bits each). */
    public static String generate(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    /** Null when the password is acceptable, otherwise what is wrong with it. */
    public static String weakness(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) return "password: 密码至少 " + MIN_LENGTH + " 位";
        if (password.equalsIgnoreCase(username)) return "password: 密码不能与用户名相同";
        if (password.chars().distinct().count() < MIN_DISTINCT) return "password: 密码中不同的字符太少（至少 " + MIN_DISTINCT + " 种）";
        return null;
    }

    /** PBKDF2 derivations done (all iterations each): the work a check cost, whether the name was an account or not. */
    static final java.util.concurrent.atomic.LongAdder DERIVATIONS = new java.util.concurrent.atomic.LongAdder();

    private static byte[] derive(String password, byte[] salt, int iterations) {
        DERIVATIONS.increment();
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", ex);
        } finally {
            spec.clearPassword();
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
