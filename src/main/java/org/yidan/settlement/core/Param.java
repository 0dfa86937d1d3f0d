package org.yidan.settlement.core;

import java.time.LocalDate;

/** Where one parameter's value comes from: the date it takes effect and the clause, or that it is illustrative. */
public record Param(String name, String value, LocalDate from, String clause, boolean illustrative) {}
