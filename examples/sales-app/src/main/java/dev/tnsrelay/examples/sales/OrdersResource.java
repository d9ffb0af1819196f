package dev.tnsrelay.examples.sales;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@code GET /sales-app/api/orders}: the latest orders of the sales database. The application knows one name,
 * {@code jdbc/sales}; which database that is, and the way to it, are the server's business.
 */
@Path("orders")
@RequestScoped
public class OrdersResource {

    private static final System.Logger LOG = System.getLogger(OrdersResource.class.getName());

    private static final String LATEST = "SELECT order_id, customer, amount FROM orders ORDER BY order_id DESC"
            + " FETCH FIRST 20 ROWS ONLY";

    @Resource(lookup = "jdbc/sales")
    private DataSource sales;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response latest() {
        try (Connection c = sales.getConnection();
             PreparedStatement s = c.prepareStatement(LATEST);
             ResultSet rows = s.executeQuery()) {
            JsonArrayBuilder orders = Json.createArrayBuilder();
            while (rows.next()) {
                orders.add(Json.createObjectBuilder().add("id", rows.getLong(1)).add("customer", rows.getString(2))
                        .add("amount", rows.getBigDecimal(3)));
            }
            return Response.ok(orders.build()).build();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "the sales database did not answer", e);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(unavailable(e)).build();
        }
    }

    /**
     * What went wrong, for whoever runs the example on their machine: the pool's message, which quotes the
     * driver's, and the driver's ORA code (the pool wraps the driver's exception). A public service would log
     * this and answer less: the text names files and hosts.
     */
    private static JsonObject unavailable(SQLException e) {
        SQLException driver = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() != 0) {
                driver = s;
                break;
            }
        }
        return Json.createObjectBuilder().add("error", "the sales database is not available")
                .add("errorCode", driver.getErrorCode()).add("message", String.valueOf(e.getMessage())).build();
    }
}
