package org.ratepayer.cissim;

/** A MultiSpeak extensionsItem as received. */
public record Extension(String name, String value, String type) {
}
