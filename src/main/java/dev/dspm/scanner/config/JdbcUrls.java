package dev.dspm.scanner.config;

/** A JDBC URL as a line for a person may show it: never with the credentials a URL may carry. */
public final class JdbcUrls {

    /** The setting that holds the database's URL, named in every line that tells a person to change it. */
    public static final String SETTING = "spring.datasource.url";

    private JdbcUrls() {
    }

    /** Scheme, host, port and database only: a JDBC URL may carry a password as user:password@, ?password= or ;PASSWORD=. */
    public static String withoutSecrets(String url) {
        if (url == null) {
            return "(not set)";
        }
        String cut = url.split("[?;]", 2)[0];
        return cut.replaceFirst("//[^/]*@", "//");
    }

    /** An H2 URL's database, as given: a path without .mv.db, ~/..., or mem:... */
    public static String h2Path(String url) {
        return withoutSecrets(url).replaceFirst("^jdbc:h2:", "").replaceFirst("^file:", "");
    }
}
