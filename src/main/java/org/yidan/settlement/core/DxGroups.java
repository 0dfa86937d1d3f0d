package org.yidan.settlement.core;

import java.util.List;

/**
 * ICD-10 diagnosis groups (mappings/icd10-groups.yaml), e.g. Wuhai's major-disease list: which disease of a group,
 * if any, a stay's diagnoses fall in, read as the group says (the main diagnosis, or any) and with the conditions a
 * disease puts on the patient (儿童: an age limit on the discharge date).
 */
public interface DxGroups {

    /**
     * What decided.
     *
     * @param diagnosis the ICD-10 code that fell in the group
     * @param main      it is the stay's main diagnosis (the first)
     * @param disease   the disease of the list it fell in, e.g. 脑卒中
     * @param codes     that disease's codes as the list gives them, e.g. I60-I64
     */
    record Match(String diagnosis, boolean main, String disease, String codes) {}

    /**
     * A group read for one stay.
     *
     * @param decided the disease the stay falls in (null: none)
     * @param misses  why a diagnosis that is on the list did not count (another than the main one; the age), in the
     *                clerk's words
     */
    record Result(Match decided, List<String> misses) {}

    /** The stay's diagnoses (main first) against a group; {@code age} on the discharge date, null when unknown. */
    Result match(String group, List<String> diagnoses, Integer age);

    boolean knows(String group);

    /** The group's title and clause, e.g. "乌海市重特大疾病救助病种（乌海政办发〔2020〕35号 三(二)3(1)）". */
    String describe(String group);

    DxGroups NONE = new DxGroups() {
        public Result match(String group, List<String> diagnoses, Integer age) { return new Result(null, List.of()); }
        public boolean knows(String group) { return false; }
        public String describe(String group) { return group; }
    };
}
