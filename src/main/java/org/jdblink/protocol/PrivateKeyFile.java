package org.jdblink.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A private key file's content as OpenSSL's PEM reader takes it: "PRIVATE KEY" (PKCS#8),
 * "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE KEY" (SEC 1), "ENCRYPTED PRIVATE KEY"
 * (encrypted PKCS#8) and traditional keys with "Proc-Type: 4,ENCRYPTED"; without a PEM
 * block, DER PKCS#8. Failures carry OpenSSL's reason text, which libpq shows.
 */
final class PrivateKeyFile {
    /** Why a key could not be read, in OpenSSL's words. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String openSslReason) {
            super(openSslReason);
        }
    }

    static final String BAD_DECRYPT = "bad decrypt";
    /** OpenSSL's reason when an encrypted key comes without a password (no terminal to ask on). */
    static final String NO_PASSWORD = "processing error";
    static final String UNSUPPORTED = "unsupported";

    private static final byte[] RSA_ALGORITHM = der(0x30, concat(oid("2a864886f70d010101"), new byte[] {0x05, 0x00}));
    private static final String EC_PUBLIC_KEY_OID = "2a8648ce3d0201";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA", "XDH");

    private PrivateKeyFile() {}

    /** The key in {@code content}; {@code password} (sslpassword) may be null. */
    static PrivateKey read(byte[] content, String password) throws Unreadable {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        Pem pem = Pem.firstKey(text);
        if (pem == null) {
            return pkcs8(content);
        }
        if (pem.encryption == null) {
            return decode(pem.type, pem.body, password);
        }
        // A wrong password usually fails the padding check ("bad decrypt"); when it passes
        // by chance, what decrypts is no key and OpenSSL's decoder says "unsupported".
        return decode(pem.type, decryptTraditional(pem.encryption, pem.body, password), password);
    }

    private static PrivateKey decode(String type, byte[] body, String password) throws Unreadable {
        return switch (type) {
            case "PRIVATE KEY" -> pkcs8(body);
            case "RSA PRIVATE KEY" -> pkcs8(der(0x30, concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, der(0x04, body))));
            case "EC PRIVATE KEY" -> pkcs8(sec1ToPkcs8(body));
            case "ENCRYPTED PRIVATE KEY" -> pkcs8(decryptPkcs8(body, password));
            default -> throw new Unreadable(UNSUPPORTED);
        };
    }

    private static PrivateKey pkcs8(byte[] der) throws Unreadable {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm; try the next
            }
        }
        throw new Unreadable(UNSUPPORTED);
    }

    private static byte[] decryptPkcs8(byte[] der, String password) throws Unreadable {
        if (password == null || password.isEmpty()) {
            throw new Unreadable(NO_PASSWORD);
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters parameters = info.getAlgParameters();
            // For PBES2 the parameters name the real scheme (e.g. PBEWithHmacSHA256AndAES_256).
            String scheme = info.getAlgName().equals("PBES2") || info.getAlgName().equals("1.2.840.113549.1.5.13")
                    ? parameters.toString() : info.getAlgName();
            Cipher cipher = Cipher.getInstance(scheme);
            cipher.init(Cipher.DECRYPT_MODE,
                    SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(password.toCharArray())), parameters);
            // Only the decryption here: what it yields is read as a key by the caller, so a
            // wrong password whose padding passes by chance reads as OpenSSL reads it.
            return cipher.doFinal(info.getEncryptedData());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new Unreadable(BAD_DECRYPT);
        }
    }

    /** "DEK-Info: AES-256-CBC,IV": the key is OpenSSL's EVP_BytesToKey(MD5, salt = first 8 IV bytes). */
    private static byte[] decryptTraditional(String dekInfo, byte[] body, String password) throws Unreadable {
        if (password == null || password.isEmpty()) {
            throw new Unreadable(NO_PASSWORD);
        }
        int comma = dekInfo.indexOf(',');
        if (comma < 0) {
            throw new Unreadable(UNSUPPORTED);
        }
        String cipherName = dekInfo.substring(0, comma).trim().toUpperCase(Locale.ROOT);
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new Unreadable(UNSUPPORTED);
        }
        String transformation;
        String keyAlgorithm;
        int keyLength;
        switch (cipherName) {
            case "AES-128-CBC" -> { transformation = "AES/CBC/PKCS5Padding"; keyAlgorithm = "AES"; keyLength = 16; }
            case "AES-192-CBC" -> { transformation = "AES/CBC/PKCS5Padding"; keyAlgorithm = "AES"; keyLength = 24; }
            case "AES-256-CBC" -> { transformation = "AES/CBC/PKCS5Padding"; keyAlgorithm = "AES"; keyLength = 32; }
            case "DES-EDE3-CBC" -> { transformation = "DESede/CBC/PKCS5Padding"; keyAlgorithm = "DESede"; keyLength = 24; }
            case "DES-CBC" -> { transformation = "DES/CBC/PKCS5Padding"; keyAlgorithm = "DES"; keyLength = 8; }
            default -> throw new Unreadable(UNSUPPORTED);
        }
        try {
            byte[] key = bytesToKey(password.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(iv, 8), keyLength);
            Cipher cipher = Cipher.getInstance(transformation);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlgorithm), new IvParameterSpec(iv));
            return cipher.doFinal(body);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Unreadable(BAD_DECRYPT);
        }
    }

    /** EVP_BytesToKey with MD5 and one round: D_i = MD5(D_{i-1} || password || salt). */
    private static byte[] bytesToKey(byte[] password, byte[] salt, int length) throws GeneralSecurityException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        byte[] previous = new byte[0];
        while (key.size() < length) {
            md5.update(previous);
            md5.update(password);
            md5.update(salt);
            previous = md5.digest();
            key.writeBytes(previous);
        }
        return Arrays.copyOf(key.toByteArray(), length);
    }

    /** Wraps a SEC 1 ECPrivateKey into PKCS#8, naming the curve its [0] parameters give. */
    private static byte[] sec1ToPkcs8(byte[] sec1) throws Unreadable {
        byte[] curve = Der.curveOid(sec1);
        if (curve == null) {
            throw new Unreadable(UNSUPPORTED);
        }
        byte[] algorithm = der(0x30, concat(oid(EC_PUBLIC_KEY_OID), curve));
        return der(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, der(0x04, sec1)));
    }

    private static byte[] oid(String hex) {
        return der(0x06, HexFormat.of().parseHex(hex));
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One PEM block: its type, the encryption header of a traditional key (or null), the body. */
    private record Pem(String type, String encryption, byte[] body) {
        /** The first block whose type ends in "PRIVATE KEY" (an "EC PARAMETERS" block may precede it). */
        static Pem firstKey(String text) throws Unreadable {
            int from = 0;
            while (true) {
                int begin = text.indexOf("-----BEGIN ", from);
                if (begin < 0) {
                    return null;
                }
                int typeEnd = text.indexOf("-----", begin + 11);
                if (typeEnd < 0) {
                    return null;
                }
                String type = text.substring(begin + 11, typeEnd);
                String endMarker = "-----END " + type + "-----";
                int end = text.indexOf(endMarker, typeEnd);
                if (end < 0) {
                    throw new Unreadable(UNSUPPORTED);
                }
                if (type.endsWith("PRIVATE KEY")) {
                    return parse(type, text.substring(typeEnd + 5, end));
                }
                from = end + endMarker.length();
            }
        }

        private static Pem parse(String type, String inner) throws Unreadable {
            String encryption = null;
            StringBuilder base64 = new StringBuilder();
            for (String line : inner.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    if (line.substring(0, colon).trim().equals("DEK-Info")) {
                        encryption = line.substring(colon + 1).trim();
                    }
                } else {
                    base64.append(line.trim());
                }
            }
            try {
                return new Pem(type, encryption, Base64.getDecoder().decode(base64.toString()));
            } catch (IllegalArgumentException e) {
                throw new Unreadable(UNSUPPORTED);
            }
        }
    }

    /** Just enough DER reading to find the curve of a SEC 1 key. */
    private static final class Der {
        private final byte[] b;
        private int pos;

        private Der(byte[] b) {
            this.b = b;
        }

        /** The [0] parameters' OID (tag and length included) of ECPrivateKey, or null. */
        static byte[] curveOid(byte[] sec1) {
            try {
                Der d = new Der(sec1);
                d.expect(0x30);
                d.length();
                while (d.pos < sec1.length) {
                    int tag = d.b[d.pos++] & 0xff;
                    int len = d.length();
                    if (tag == 0xa0) {
                        int start = d.pos;
                        d.expect(0x06);
                        int oidLength = d.length();
                        return Arrays.copyOfRange(sec1, start, d.pos + oidLength);
                    }
                    d.pos += len;
                }
                return null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        private void expect(int tag) {
            if ((b[pos++] & 0xff) != tag) {
                throw new IllegalArgumentException("unexpected DER tag");
            }
        }

        private int length() {
            int first = b[pos++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int n = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                n = (n << 8) | (b[pos++] & 0xff);
            }
            return n;
        }
    }
}
