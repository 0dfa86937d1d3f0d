package org.yidan.settlement.api.security;

import java.util.Locale;

/**
 * What an account may do (issue 4, access control). The counter's page is for clerks, supervisors and admins; only a
 * supervisor (or an admin) cancels or re-settles a bill; the integration role posts messages and reads bills but does
 * not open the page; an admin manages accounts.
 */
public enum Role {
    CLERK("收费员"),
    SUPERVISOR("主管"),
    INTEGRATION("接口"),
    ADMIN("管理员");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** The code stored and shown in the API: clerk, supervisor, integration, admin. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    /** The role with this code, or null. */
    public static Role of(String code) {
        if (code == null) return null;
        for (Role r : values()) if (r.code().equals(code.trim().toLowerCase(Locale.ROOT))) return r;
        return null;
    }
}
