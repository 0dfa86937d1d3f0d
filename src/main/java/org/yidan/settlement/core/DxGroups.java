package org.yidan.settlement.core;

/** ICD-10 diagnosis groups (mappings/), e.g. Wuhai's major-disease list. */
public interface DxGroups {
    boolean contains(String group, String icd10);

    boolean knows(String group);

    DxGroups NONE = new DxGroups() {
        public boolean contains(String group, String icd10) { return false; }
        public boolean knows(String group) { return false; }
    };
}
