package cn.gradflow.common;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    /** The zone the schools' calendar days are in (gradflow.time-zone), not the server's. */
    @Bean
    SchoolClock schoolClock(@Value("${gradflow.time-zone:Asia/Shanghai}") ZoneId zone) {
        return new SchoolClock(zone);
    }
}
