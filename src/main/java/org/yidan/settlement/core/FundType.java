package org.yidan.settlement.core;

/** The funds of a bill's setldetail rows (基金支付类型, fund_pay_type), as the platform codes them. */
public enum FundType {
    EMPLOYEE_POOL("310100", "职工基本医疗保险统筹基金", "hifp_pay"),
    RESIDENT_POOL("390100", "城乡居民基本医疗保险统筹基金", "hifp_pay"),
    EMPLOYEE_LARGE_AMOUNT("330100", "职工大额医疗费用补助", "hifob_pay"),
    RESIDENT_CRITICAL_ILLNESS("390200", "城乡居民大病保险", "hifmi_pay"),
    ASSISTANCE("610100", "医疗救助基金", "maf_pay"),
    RE_ASSISTANCE("610102", "医疗救助再救助", "maf_pay"),
    HOSPITAL_REDUCTION("630100", "医疗机构减免", "hosp_part_amt"),
    OTHER("999997", "其他（医疗商业补充保险）", "oth_pay");

    public final String code;
    public final String label;
    /** The setlinfo field (2304 output) this fund's amount is counted in. */
    public final String field;

    FundType(String code, String label, String field) {
        this.code = code;
        this.label = label;
        this.field = field;
    }

    /** The basic-insurance pool of an insurance type. */
    static FundType pool(InsuranceType t) {
        return t == InsuranceType.EMPLOYEE ? EMPLOYEE_POOL : RESIDENT_POOL;
    }

    /** The critical-illness layer of an insurance type (large-amount subsidy for employees). */
    static FundType criticalIllness(InsuranceType t) {
        return t == InsuranceType.EMPLOYEE ? EMPLOYEE_LARGE_AMOUNT : RESIDENT_CRITICAL_ILLNESS;
    }
}
