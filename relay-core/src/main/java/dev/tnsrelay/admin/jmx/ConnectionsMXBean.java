package dev.tnsrelay.admin.jmx;

import java.util.List;

/**
 * {@code dev.tnsrelay:type=Connections,name="<instance>@<port>"}: show and close connections with cmctl's filters
 * ({@code in established gt 10:00 from 10.0.0.0/8 to db1 for sales using 0}, or connection ids; blank for all).
 */
public interface ConnectionsMXBean {

    List<ConnectionRow> show(String filter);

    int count(String filter);

    /** The number closed; none matching is an error, as in cmctl. */
    int close(String filter);
}
