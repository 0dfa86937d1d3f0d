package org.yidan.settlement.policy;

/** A bad policy or mapping file: names the file, the line and the field. Nothing starts on an invalid policy. */
public class PolicyFileException extends RuntimeException {
    public PolicyFileException(String file, int line, String field, String message) {
        super(file + ":" + line + ": " + field + ": " + message);
    }
}
