package cn.gradflow.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway migrates GradFlow's tables before the engine starts, so the two never race for an empty
 * database (CAMUNDA-NOTES 2). The engine keeps creating and upgrading its own ACT_ tables;
 * Flyway's history table only covers GradFlow's schema. Between the two, the node takes its
 * {@link StartupTurn}: nodes started at once on one database start one after the other.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    static final String ENGINE_BEAN = "processEngineFactoryBean";
    static final String FLYWAY_BEAN = "flywayInitializer";
    static final String TURN_BEAN = "startupTurn";

    @Bean(TURN_BEAN)
    static StartupTurn startupTurn(javax.sql.DataSource dataSource,
                                   @org.springframework.beans.factory.annotation.Value("${gradflow.startup.max-wait:PT30M}")
                                   java.time.Duration maxWait) throws java.sql.SQLException {
        return new StartupTurn(dataSource, maxWait);
    }

    @Bean
    static BeanFactoryPostProcessor flywayBeforeProcessEngine() {
        return beanFactory -> {
            if (!beanFactory.containsBeanDefinition(ENGINE_BEAN) || !beanFactory.containsBeanDefinition(FLYWAY_BEAN)) {
                return;
            }
            dependOn(beanFactory.getBeanDefinition(TURN_BEAN), FLYWAY_BEAN);
            dependOn(beanFactory.getBeanDefinition(ENGINE_BEAN), FLYWAY_BEAN, TURN_BEAN);
        };
    }

    private static void dependOn(BeanDefinition bean, String... names) {
        List<String> dependsOn = new ArrayList<>();
        if (bean.getDependsOn() != null) {
            dependsOn.addAll(Arrays.asList(bean.getDependsOn()));
        }
        dependsOn.addAll(Arrays.asList(names));
        bean.setDependsOn(dependsOn.toArray(String[]::new));
    }
}
