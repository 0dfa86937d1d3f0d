package org.yidan.settlement.core;

/** A relief category (救助对象类别) of the shared vocabulary, e.g. DIBAO 低保对象. */
public record Category(String code, String name) {}
