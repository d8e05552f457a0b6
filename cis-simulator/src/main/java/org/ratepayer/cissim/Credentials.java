package org.ratepayer.cissim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** The UserID/Pwd the simulated CIS accepts in the MultiSpeakMsgHeader. */
record Credentials(String userId, String password) {

    Credentials {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(password, "password");
    }

    boolean accept(String user, String pwd) {
        // constant-time, like a real server should: the simulator is also a reference for integrators
        return user != null && pwd != null
                && MessageDigest.isEqual(userId.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), pwd.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[userId=" + userId + ", password=***]";
    }
}
