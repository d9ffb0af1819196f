package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.Connection;
import dev.tnsrelay.admin.NodeConnections;
import java.util.List;
import java.util.Locale;

/**
 * cmctl's command lines against the admin model: each line is read into a {@link CmctlCommand}, run as the
 * model's typed operation in the caller's name (the model checks the role and writes the audit log), and
 * answered in cmctl's layout ({@link CmctlLayouts}). The command line over REST and the REST text endpoint come
 * through here; the other doors call the model directly.
 */
public final class Cmctl {

    private final Administration admin;

    public Cmctl(Administration admin) {
        this.admin = admin;
    }

    public String run(Caller caller, String line) {
        return run(caller, CmctlCommand.parse(line));
    }

    public String run(Caller caller, CmctlCommand c) {
        c.instance().ifPresent(this::requireThisInstance);
        return switch (c.verb()) {
            case ADMINISTER -> administer(caller);
            case HELP -> CmctlHelp.text(c.what());
            case EXIT -> CmctlLayouts.DONE;
            case SHOW -> show(caller, c);
            case CLOSE -> admin.close(caller, c.filter()) + " connection(s) closed\n" + CmctlLayouts.DONE;
            case SUSPEND -> {
                if (c.what().equals("node")) {
                    admin.cluster().suspend(caller, c.parameter());
                } else {
                    admin.suspend(caller, c.gateways());
                }
                yield CmctlLayouts.DONE;
            }
            case RESUME -> {
                if (c.what().equals("node")) {
                    admin.cluster().resume(caller, c.parameter());
                } else {
                    admin.resume(caller, c.gateways());
                }
                yield CmctlLayouts.DONE;
            }
            case DRAIN -> {
                admin.cluster().drain(caller, c.parameter());
                yield CmctlLayouts.DONE;
            }
            case UNBLOCK -> {
                admin.unblock(caller, c.parameter());
                yield c.parameter() + " unblocked\n" + CmctlLayouts.DONE;
            }
            case RELOAD -> {
                admin.reload(caller);
                yield CmctlLayouts.DONE;
            }
            case SET -> {
                if (c.what().equals("event")) {
                    admin.setEvent(caller, c.parameter(), c.value().equals("on"));
                    yield "event " + c.parameter() + " set to " + c.value() + "\n" + CmctlLayouts.DONE;
                }
                admin.set(caller, c.parameter(), c.value());
                yield c.parameter().toLowerCase(Locale.ROOT) + " set to " + c.value() + "\n" + CmctlLayouts.DONE;
            }
            case SHUTDOWN -> {
                admin.shutdown(caller, c.what().equals("abort"));
                yield CmctlLayouts.DONE;
            }
            case STARTUP -> {
                if (c.what().equals("node")) {
                    admin.cluster().startup(caller, c.parameter());
                    yield CmctlLayouts.DONE;
                }
                admin.startup(caller);
                yield CmctlLayouts.status(admin.status(caller));
            }
        };
    }

    /** cmctl's answer to a name that is not the instance here: TNS-04005. Instance names are case-insensitive. */
    private void requireThisInstance(String name) {
        String here = admin.instanceName();
        if (!name.equalsIgnoreCase(here)) {
            throw AdminError.UNKNOWN_INSTANCE.exception(name + " is not administered here; this server runs " + here);
        }
    }

    private String administer(Caller caller) {
        var s = admin.status(caller);
        return "Current instance " + s.instance() + (s.state().equals("RUNNING") ? " is already started"
                : " is not yet started (" + s.state() + ")") + "\n" + CmctlLayouts.DONE;
    }

    private String show(Caller caller, CmctlCommand c) {
        return switch (c.what()) {
            case "status" -> CmctlLayouts.status(admin.status(caller));
            case "gateways" -> CmctlLayouts.gateways(admin.gateways(caller));
            case "connections" -> connections(caller, c);
            case "services" -> ServicesReport.format(admin.services(caller));
            case "rules" -> c.ruleCheck().isEmpty() ? CmctlLayouts.rules(admin.rules(caller))
                    : CmctlLayouts.ruleCheck(admin.checkRule(caller, c.ruleCheck().get(0), c.ruleCheck().get(1),
                            c.ruleCheck().get(2)));
            case "parameters" -> CmctlLayouts.parameters(admin.parameters(caller));
            case "defaults" -> CmctlLayouts.defaults(admin.parameters(caller));
            case "version" -> "CMCTL for tnsrelay: Version " + Administration.version() + "\n" + CmctlLayouts.DONE;
            case "events" -> CmctlLayouts.events(admin.events(caller, 0, 100));
            case "blocked" -> CmctlLayouts.blocked(admin.blocked(caller));
            case "cluster" -> c.parameter() == null ? ClusterLayouts.status(admin.cluster().status(caller))
                    : ClusterLayouts.events(c.parameter().equals("audit") ? admin.cluster().audit(caller, 200)
                            : admin.cluster().events(caller, 200));
            default -> CmctlLayouts.status(admin.status(caller)) + CmctlLayouts.gateways(admin.gateways(caller))
                    + CmctlLayouts.rules(admin.rules(caller)) + CmctlLayouts.parameters(admin.parameters(caller))
                    + ServicesReport.format(admin.services(caller));
        };
    }

    private String connections(Caller caller, CmctlCommand c) {
        if (c.filter().node().isPresent()) {
            List<NodeConnections> nodes = admin.cluster().connections(caller, c.filter());
            if (c.count()) {
                return "Number of connections: " + nodes.stream().mapToInt(n -> n.connections().size()).sum() + "\n"
                        + CmctlLayouts.DONE;
            }
            return ClusterLayouts.connections(nodes);
        }
        List<Connection> rows = admin.connections(caller, c.filter());
        if (c.count()) {
            return "Number of connections: " + rows.size() + "\n" + CmctlLayouts.DONE;
        }
        if (rows.isEmpty()) {
            throw AdminError.NO_CONNECTIONS.exception();
        }
        return c.detail() ? CmctlLayouts.connectionsDetail(rows) : CmctlLayouts.connections(rows);
    }
}
