package dev.tnsrelay.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness ({@code /health/ready} on Payara): UP only while the instance listens and at least
 * one gateway takes connections, so a load balancer stops sending clients to a stopped, draining, failed or fully
 * suspended gateway (503). Liveness is left to the server: a stopped instance is a state, not a dead process.
 */
@Readiness
@ApplicationScoped
public class InstanceReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        try {
            dev.tnsrelay.admin.Readiness r = AdminModel.admin().readiness();
            return HealthCheckResponse.named("tnsrelay").status(r.ready()).withData("state", r.state())
                    .withData("reason", r.reason()).build();
        } catch (IllegalStateException e) {
            return HealthCheckResponse.named("tnsrelay").down().withData("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
