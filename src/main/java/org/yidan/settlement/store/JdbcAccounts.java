package org.yidan.settlement.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Accounts of the counter and the API (table account, V4__counter.sql). The store keeps the password hash it is
 * given and never sees a password.
 */
public final class JdbcAccounts implements Accounts {
    private final DataSource ds;
    private final Clock clock;

    public JdbcAccounts(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    private <T> T auto(Databases.Sql<T> body) {
        return Databases.auto(ds, "accounts", body);
    }

    /** Creates an account; false when the username is taken. */
    @Override
    public boolean create(String username, String role, String passwordHash) {
        return Databases.write(ds, "accounts", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO account (username, role, password_hash, disabled, "
                    + "created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                Instant now = clock.instant();
                ps.setString(1, username);
                ps.setString(2, role);
                ps.setString(3, passwordHash);
                ps.setBoolean(4, false);
                ps.setObject(5, Databases.time(now));
                ps.setObject(6, Databases.time(now));
                return ps.executeUpdate() == 1;
            } catch (SQLException ex) {
                if (Databases.isDuplicateKey(ex)) return false;
                throw ex;
            }
        });
    }

    @Override
    public Optional<Account> find(String username) {
        List<Account> found = select("WHERE username = ?", username);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every account, by username. */
    @Override
    public List<Account> all() {
        return select("ORDER BY username", null);
    }

    @Override
    public long count() {
        return auto(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM account"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Sets the password hash; false when there is no such account. */
    @Override
    public boolean setPassword(String username, String passwordHash) {
        return update("password_hash = ?, password_changed_at = ?", username, passwordHash, Databases.time(clock.instant()));
    }

    @Override
    public boolean setDisabled(String username, boolean disabled) {
        return update("disabled = ?", username, disabled);
    }

    @Override
    public boolean setRole(String username, String role) {
        return update("role = ?", username, role);
    }

    private boolean update(String set, String username, Object... values) {
        return Databases.write(ds, "accounts", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE account SET " + set + " WHERE username = ?")) {
                for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
                ps.setString(values.length + 1, username);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private List<Account> select(String where, String arg) {
        return auto(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT username, role, password_hash, disabled, created_at, "
                    + "password_changed_at FROM account " + where)) {
                if (arg != null) ps.setString(1, arg);
                List<Account> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Account(rs.getString("username"), rs.getString("role"), rs.getString("password_hash"),
                                rs.getBoolean("disabled"), Databases.instant(rs, "created_at"),
                                Databases.instant(rs, "password_changed_at")));
                    }
                }
                return out;
            }
        });
    }
}
