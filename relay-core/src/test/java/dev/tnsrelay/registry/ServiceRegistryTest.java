package dev.tnsrelay.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.ServiceStatus;
import dev.tnsrelay.admin.cmctl.ServicesReport;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {

    private final MutableClock clock = new MutableClock();
    private final ServiceRegistry registry = new ServiceRegistry(clock, CmanParameters.defaults());
    private final Random random = new Random(5);

    private static Registration instance(String name, String node, int load, HandlerState state, ServerType server) {
        return new Registration("sales", name, node, List.of(new Handler("DEDICATED", Address.tcp(node, 1521), server,
                load, 100, state)), Duration.ofSeconds(60));
    }

    private Selection select() {
        return registry.select("SALES", Optional.empty(), Optional.empty(), random);
    }

    @Test
    void theLeastLoadedInstanceIsChosenAndRoutedSessionsCount() {
        registry.put(instance("sales1", "10.0.0.1", 30, HandlerState.READY, ServerType.DEDICATED));
        registry.put(instance("sales2", "10.0.0.2", 10, HandlerState.READY, ServerType.DEDICATED));
        Map<String, Integer> chosen = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            chosen.merge(select().instance(), 1, Integer::sum);
        }
        // sales2 starts 20 lower: it takes the first 20, then the two alternate as equals
        assertEquals(30, chosen.get("sales2"));
        assertEquals(10, chosen.get("sales1"));
    }

    @Test
    void releasedSessionsNoLongerCount() {
        registry.put(instance("sales1", "10.0.0.1", 0, HandlerState.READY, ServerType.DEDICATED));
        registry.put(instance("sales2", "10.0.0.2", 0, HandlerState.READY, ServerType.DEDICATED));
        Selection first = select();
        registry.release("sales", first);
        Selection second = select();
        Selection third = select();
        assertFalse(second.instance().equals(third.instance()), "equal loads alternate once counted");
    }

    @Test
    void instanceNameAndServerTypeAreHonoured() {
        registry.put(instance("sales1", "10.0.0.1", 0, HandlerState.READY, ServerType.DEDICATED));
        registry.put(instance("sales2", "10.0.0.2", 90, HandlerState.READY, ServerType.SHARED));
        assertEquals("sales2", registry.select("sales", Optional.of("SALES2"), Optional.empty(), random).instance());
        assertEquals("sales2", registry.select("sales", Optional.empty(), Optional.of(ServerType.SHARED), random).instance());
        assertEquals(Selection.Refused.NO_HANDLER,
                registry.select("sales", Optional.empty(), Optional.of(ServerType.POOLED), random).refusal());
    }

    @Test
    void refusalsSayWhy() {
        assertEquals(Selection.Refused.UNKNOWN_SERVICE, select().refusal());
        registry.put(instance("sales1", "10.0.0.1", 0, HandlerState.BLOCKED, ServerType.DEDICATED));
        assertEquals(Selection.Refused.ALL_BLOCKING, select().refusal());
        registry.put(instance("sales2", "10.0.0.2", 0, HandlerState.RESTRICTED, ServerType.DEDICATED));
        assertEquals(Selection.Refused.RESTRICTED_OR_BLOCKING, select().refusal());
        registry.unregister("sales", "sales1");
        assertEquals(Selection.Refused.ALL_RESTRICTED, select().refusal());
        registry.put(instance("sales3", "10.0.0.3", 100, HandlerState.READY, ServerType.DEDICATED));
        assertEquals(Selection.Refused.NO_HANDLER, select().refusal(), "a full handler takes nothing");
    }

    @Test
    void aRegistrationThatIsNotRefreshedExpires() {
        registry.put(instance("sales1", "10.0.0.1", 0, HandlerState.READY, ServerType.DEDICATED));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(select().accepted());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Selection.Refused.UNKNOWN_SERVICE, select().refusal());
        assertTrue(registry.snapshot().isEmpty());
        registry.put(instance("sales1", "10.0.0.1", 0, HandlerState.READY, ServerType.DEDICATED));
        assertTrue(select().accepted(), "a refresh brings it back");
    }

    @Test
    void showServicesInCmansLayout() {
        registry.put(instance("sales1", "10.0.0.1", 5, HandlerState.READY, ServerType.DEDICATED));
        registry.put(instance("sales2", "10.0.0.2", 0, HandlerState.BLOCKED, ServerType.DEDICATED));
        select();
        registry.select("hr", Optional.empty(), Optional.empty(), random);
        assertEquals("""
                Services Summary...
                Service "sales" has 2 instance(s), refused:0
                  Instance "sales1", status READY, has 1 handler(s) for this service...
                    Handler(s):
                      "DEDICATED" established:1 current:1 load:5 max:100 state:ready
                         DEDICATED SERVER
                         (ADDRESS=(PROTOCOL=tcp)(HOST=10.0.0.1)(PORT=1521))
                  Instance "sales2", status BLOCKED, has 1 handler(s) for this service...
                    Handler(s):
                      "DEDICATED" established:0 current:0 load:0 max:100 state:blocked
                         DEDICATED SERVER
                         (ADDRESS=(PROTOCOL=tcp)(HOST=10.0.0.2)(PORT=1521))
                The command completed successfully.
                """, ServicesReport.format(ServiceStatus.of(registry.snapshot())));
        assertTrue(ServicesReport.format(List.of()).contains("supports no services"));
    }

    @Test
    void validNodeCheckingAdmitsTheLocalNodeAndInvitedNodesOnly() throws Exception {
        Registration r = instance("sales1", "10.0.0.1", 0, HandlerState.READY, ServerType.DEDICATED);
        registry.register(r, InetAddress.getLoopbackAddress());
        RegistrationRefusedException e = assertThrows(RegistrationRefusedException.class,
                () -> registry.register(r, InetAddress.getByName("192.0.2.10")));
        assertTrue(e.getMessage().startsWith("TNS-01182"), e.getMessage());

        CmanParameters invited = CmanParameters.defaults()
                .with(CmanParameter.REGISTRATION_INVITED_NODES, "192.0.2.*, 198.51.100.0/24")
                .with(CmanParameter.REGISTRATION_EXCLUDED_NODES, "192.0.2.66");
        ServiceRegistry open = new ServiceRegistry(clock, invited);
        open.register(r, InetAddress.getByName("192.0.2.10"));
        open.register(r, InetAddress.getByName("198.51.100.7"));
        assertThrows(RegistrationRefusedException.class, () -> open.register(r, InetAddress.getByName("192.0.2.66")));
        assertThrows(RegistrationRefusedException.class, () -> open.register(r, InetAddress.getByName("203.0.113.1")));

        ServiceRegistry off = new ServiceRegistry(clock,
                CmanParameters.defaults().with(CmanParameter.VALID_NODE_CHECKING_REGISTRATION, "off"));
        off.register(r, InetAddress.getByName("203.0.113.1"));
    }

    @Test
    void listenersHearRegistrationsRenewalsRefusalsAndWithdrawals() throws Exception {
        List<String> heard = new java.util.ArrayList<>();
        registry.addListener(new RegistrationListener() {
            @Override
            public void registered(Registration r, Optional<InetAddress> from, boolean renewal) {
                heard.add("registered " + r.instance() + " " + from.map(InetAddress::getHostAddress).orElse("static")
                        + (renewal ? " renewal" : ""));
            }

            @Override
            public void refused(Registration r, InetAddress from, String why) {
                heard.add("refused " + r.instance() + " " + from.getHostAddress() + " " + why.substring(0, 9));
            }

            @Override
            public void unregistered(String service, String instance) {
                heard.add("unregistered " + service + " " + instance);
            }
        });
        Registration r = instance("sales1", "10.0.0.1", 0, HandlerState.READY, ServerType.DEDICATED);
        registry.put(r);
        registry.register(r, InetAddress.getLoopbackAddress());
        clock.advance(Duration.ofSeconds(61));
        registry.register(r, InetAddress.getLoopbackAddress());
        assertThrows(RegistrationRefusedException.class, () -> registry.register(r, InetAddress.getByName("192.0.2.10")));
        registry.unregister("sales", "sales1");
        registry.unregister("sales", "sales1");
        assertEquals(List.of("registered sales1 static", "registered sales1 127.0.0.1 renewal",
                "registered sales1 127.0.0.1", "refused sales1 192.0.2.10 TNS-01182", "unregistered sales sales1"), heard,
                "an expired registration taken again is new; withdrawing what is not there tells nothing");
    }
}
