package deepsvddlab.display;

/** The MIME types this package publishes. */
final class Mime {
    static final String TEXT = "text/plain";
    static final String HTML = "text/html";
    static final String MARKDOWN = "text/markdown";
    static final String PNG = "image/png";
    static final String PLOTLY = "application/vnd.plotly.v1+json";

    private Mime() {}
}
