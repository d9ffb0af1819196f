package dev.tnsrelay.it;

import dev.tnsrelay.adapter.NetNamingFactory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * An application on a node of the cluster, as any application would use tnsrelay: it looks the naming factory up
 * in JNDI and answers with the descriptor that routes through the gateways ({@code ?name=sales}).
 */
@WebServlet("/resolve")
public class ClusterNamingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        try {
            NetNamingFactory naming = (NetNamingFactory) new InitialContext().lookup("tnsrelay/naming");
            res.setContentType("text/plain");
            res.getWriter().write(naming.resolveThroughGateway(req.getParameter("name")).text());
        } catch (NamingException | jakarta.resource.ResourceException e) {
            res.sendError(503, e.toString());
        }
    }
}
