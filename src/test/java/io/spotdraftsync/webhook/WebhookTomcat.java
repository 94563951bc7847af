package io.spotdraftsync.webhook;

import java.net.URI;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A {@link WebhookEndpoint} alone in an embedded Tomcat on an ephemeral loopback port, registered as {@code serve}
 * registers it (async supported): for faults that need parts the {@code serve} context does not let a test swap (a
 * key API that hangs, an inbox database that hangs or kills its writer).
 */
final class WebhookTomcat implements AutoCloseable {

    private final Tomcat tomcat;
    private final Connector connector;

    private WebhookTomcat(Tomcat tomcat, Connector connector) {
        this.tomcat = tomcat;
        this.connector = connector;
    }

    static WebhookTomcat start(WebhookEndpoint endpoint, Path baseDir) throws LifecycleException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toAbsolutePath().toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toAbsolutePath().toString());
        Wrapper wrapper = Tomcat.addServlet(context, "webhookReceiver", endpoint);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded(WebhookEndpoint.PATH, "webhookReceiver");
        context.addServletMappingDecoded(WebhookEndpoint.PATH + "/*", "webhookReceiver");
        tomcat.start();
        return new WebhookTomcat(tomcat, connector);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + WebhookEndpoint.PATH);
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
