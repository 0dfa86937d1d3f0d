package org.yidan.settlement.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The working's formulas as the clerk reads them: amounts with thousands separators; years and codes as they are. */
class WorkingsTest {
    @Test
    void amountsAreGroupedAndNothingElse() {
        // the README's example assistance base (聊政办发〔2022〕5号 三(四)1)
        assertEquals("符合政策范围金额 33,360.00 − 基本医保 21,034.00 − 大病保险 3,136.90",
                Workings.grouped("符合政策范围金额 33360.00 − 基本医保 21034.00 − 大病保险 3136.90"));
        assertEquals("1,234,567.89 and 999.99 and 1,000.5", Workings.grouped("1234567.89 and 999.99 and 1000.5"));
        // a year, a fund code, a date: untouched
        assertEquals("2024 年 610100 2024-03-12 12.5%", Workings.grouped("2024 年 610100 2024-03-12 12.5%"));
        assertEquals(null, Workings.grouped(null));
    }
}
