package org.yidan.settlement.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param name the hospital's name on the counter's page and the printed sheet (HOSPITAL_NAME): 定点医疗机构名称
 * @param code its code as the medical-security platform knows it (HOSPITAL_CODE): 定点医疗机构编码, on the sheet beside the
 *             name (empty: not shown)
 */
@ConfigurationProperties("yidan.hospital")
public record HospitalSettings(@Bindable(defaultValue = "示例医院") String name, @Bindable(defaultValue = "") String code) {}
