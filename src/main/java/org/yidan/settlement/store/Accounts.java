package org.yidan.settlement.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The accounts of the counter and the API. The store keeps the password hash it is given, never a password. */
public interface Accounts {
    /** An account as stored. {@code role} is the role's code (clerk, supervisor, integration, admin). */
    public record Account(String username, String role, String passwordHash, boolean disabled, Instant createdAt,
                          Instant passwordChangedAt) {}

    /** Creates an account; false when the username is taken. */
    boolean create(String username, String role, String passwordHash);

    Optional<Account> find(String username);

    List<Account> all();

    long count();

    /** Sets the password hash; false when there is no such account. */
    boolean setPassword(String username, String passwordHash);

    boolean setDisabled(String username, boolean disabled);

    boolean setRole(String username, String role);
}
