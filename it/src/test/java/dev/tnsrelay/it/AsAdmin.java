package dev.tnsrelay.it;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Runs an asadmin command inside the running Payara Micro, as a deployer would at its command line. Payara
 * Micro has no admin port, and its command runner lives in jars nested in the Micro jar, so it is reached by
 * name: test code only.
 */
final class AsAdmin {

    private AsAdmin() {
    }

    /** Runs the command; returns the report's text, or fails with it. */
    static String run(String command, Map<String, String> parameters) throws Exception {
        ClassLoader server = Thread.currentThread().getContextClassLoader();
        Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, server);
        Object locator = globals.getMethod("getDefaultBaseServiceLocator").invoke(null);
        Method getService = locator.getClass().getMethod("getService", Class.class, java.lang.annotation.Annotation[].class);
        Class<?> runnerType = Class.forName("org.glassfish.api.admin.CommandRunner", true, server);
        Class<?> adminType = Class.forName("org.glassfish.internal.api.InternalSystemAdministrator", true, server);
        Object runner = getService.invoke(locator, runnerType, new java.lang.annotation.Annotation[0]);
        Object admin = getService.invoke(locator, adminType, new java.lang.annotation.Annotation[0]);
        Object subject = adminType.getMethod("getSubject").invoke(admin);
        Object report = runnerType.getMethod("getActionReport", String.class).invoke(runner, "plain");
        Class<?> reportType = Class.forName("org.glassfish.api.ActionReport", true, server);
        Object invocation = runnerType.getMethod("getCommandInvocation", String.class, reportType,
                javax.security.auth.Subject.class).invoke(runner, command, report, subject);
        Class<?> mapType = Class.forName("org.glassfish.api.admin.ParameterMap", true, server);
        Object map = mapType.getConstructor().newInstance();
        Method add = java.util.Arrays.stream(mapType.getMethods())
                .filter(m -> m.getName().equals("add") && m.getParameterCount() == 2).findFirst().orElseThrow();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            add.invoke(map, e.getKey(), e.getValue());
        }
        Class<?> invocationType = Class.forName("org.glassfish.api.admin.CommandRunner$CommandInvocation", true, server);
        invocation = invocationType.getMethod("parameters", mapType).invoke(invocation, map);
        invocationType.getMethod("execute").invoke(invocation);
        String text = String.valueOf(reportType.getMethod("getMessage").invoke(report));
        Object exitCode = reportType.getMethod("getActionExitCode").invoke(report);
        if (!"SUCCESS".equals(String.valueOf(exitCode))) {
            throw new IllegalStateException(command + " failed: " + exitCode + " " + text);
        }
        return text;
    }
}
