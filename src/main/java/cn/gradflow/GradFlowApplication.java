package cn.gradflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GradFlowApplication {
    public static void main(String[] args) {
        SpringApplication.run(GradFlowApplication.class, args);
    }
}
