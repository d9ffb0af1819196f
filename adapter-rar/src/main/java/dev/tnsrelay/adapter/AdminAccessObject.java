package dev.tnsrelay.adapter;

import dev.tnsrelay.admin.Administration;
import jakarta.resource.spi.AdministeredObject;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.Serializable;

/** {@link AdminAccess} as the server creates it: associated with the deployed adapter, asked at each use. */
@AdministeredObject(adminObjectInterfaces = AdminAccess.class)
public class AdminAccessObject implements AdminAccess, ResourceAdapterAssociation, Serializable {

    private static final long serialVersionUID = 1L;

    private transient TnsRelayResourceAdapter adapter;

    @Override
    public Administration administration() {
        return running().instance().administration();
    }

    private TnsRelayResourceAdapter running() {
        if (adapter == null) {
            throw new IllegalStateException("tnsrelay/admin is not associated with the tnsrelay adapter");
        }
        return adapter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.adapter = (TnsRelayResourceAdapter) ra;
    }
}
