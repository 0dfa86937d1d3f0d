package org.yidan.settlement.api.security;

/** The account a request was made as (set on the request by {@link AuthFilter}). */
public record User(String username, Role role) {
    /** The request attribute holding the User. */
    public static final String ATTRIBUTE = "yidan.user";
}
