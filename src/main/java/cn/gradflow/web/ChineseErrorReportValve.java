package cn.gradflow.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What Tomcat answers itself, before any filter runs — a request line it refuses ({@code %2F}, {@code %00}, a
 * malformed escape, a path above the root, a URL over the header limit): a JSON refusal in Chinese instead of
 * Tomcat's English HTML page. Replaces the host's error report valve (Spring Boot's, which shows no report).
 */
public class ChineseErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = status >= 500 ? "服务器内部错误，未作任何更改；请稍后重试" : ChineseErrorFilter.messageFor(status);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + (status >= 500 ? "ServerError" : "BadRequest") + "\",\"message\":\"" + message + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    /** Installs the valve on the embedded Tomcat's host, after Spring Boot added its own (which it replaces). */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (var valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ChineseErrorReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    // the host adds a valve of this class at start unless one is there: this one
                    host.setErrorReportValveClass(ChineseErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ChineseErrorReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE; // after Spring Boot's customizer, whose valve this removes
        }
    }
}
