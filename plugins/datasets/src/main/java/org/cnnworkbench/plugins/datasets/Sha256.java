package org.cnnworkbench.plugins.datasets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 that every Java runtime has: the dataset digests recorded as runs' provenance. */
final class Sha256 {

    private Sha256() {
    }

    static MessageDigest create() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The digest of {@code bytes}. */
    static byte[] of(byte[] bytes) {
        return create().digest(bytes);
    }

    /** {@code digest}'s value in lower-case hex; the digest is finished (reset) by this. */
    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
