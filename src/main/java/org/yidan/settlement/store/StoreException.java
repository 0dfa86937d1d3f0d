package org.yidan.settlement.store;

/** A database error in the store (the SQLException is the cause). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
