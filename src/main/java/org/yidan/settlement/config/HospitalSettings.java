package org.yidan.settlement.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** @param name the hospital's name on the counter's page and the printed sheet (HOSPITAL_NAME) */
@ConfigurationProperties("yidan.hospital")
public record HospitalSettings(@Bindable(defaultValue = "示例医院") String name) {}
