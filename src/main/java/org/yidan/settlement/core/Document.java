package org.yidan.settlement.core;

import java.time.LocalDate;

/** A policy document a region's rules come from. */
public record Document(String id, String title, LocalDate from, LocalDate to) {
    public boolean inForce(LocalDate date) {
        return !date.isBefore(from) && (to == null || date.isBefore(to));
    }
}
