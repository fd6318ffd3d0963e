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
 * Flyway's history table only covers GradFlow's schema.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    static final String ENGINE_BEAN = "processEngineFactoryBean";
    static final String FLYWAY_BEAN = "flywayInitializer";

    @Bean
    static BeanFactoryPostProcessor flywayBeforeProcessEngine() {
        return beanFactory -> {
            if (!beanFactory.containsBeanDefinition(ENGINE_BEAN) || !beanFactory.containsBeanDefinition(FLYWAY_BEAN)) {
                return;
            }
            BeanDefinition engine = beanFactory.getBeanDefinition(ENGINE_BEAN);
            List<String> dependsOn = new ArrayList<>();
            if (engine.getDependsOn() != null) {
                dependsOn.addAll(Arrays.asList(engine.getDependsOn()));
            }
            dependsOn.add(FLYWAY_BEAN);
            engine.setDependsOn(dependsOn.toArray(String[]::new));
        };
    }
}
