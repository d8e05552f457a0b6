package org.ratepayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The card and bank numbers the suites pay with ({@link #SECRETS}, also swept from the JSON log by JsonLogsIT).
 * Runs after every other suite of this context ({@link RunsLast}): neither the database nor the log holds a test card number
 * or a full bank account number.
 */
@RunsLast
public class NoCardDataLeakedIT extends PlatformIT {

    public static final List<String> SECRETS = List.of("4111111111111111", "5555555555554444", "378282246310005",
            "4000000000000002", "4000000000000119", "4000000000000259", "4000000000000333", "4111111111111112", "123456789", "000111222");

    @Test
    void neitherTheDatabaseNorTheLogHoldsCardOrBankNumbers() throws Exception {
        assertThat(count("select count(*) from payment")).as("the payment suites ran before this sweep").isPositive();
        List<String> found = new ArrayList<>();
        List<String[]> columns = jdbc.sql("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'bytea')
                """).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        for (String[] c : columns) {
            String expr = c[2].equals("bytea") ? "encode(\"" + c[1] + "\", 'escape')" : "\"" + c[1] + "\"::text";
            for (String secret : SECRETS) {
                long hits = count("select count(*) from \"" + c[0] + "\" where " + expr + " like ?", "%" + secret + "%");
                if (hits > 0) {
                    found.add(c[0] + "." + c[1] + " holds " + secret);
                }
            }
        }
        assertThat(found).isEmpty();
        Path log = Path.of("target/test-logs/platform-it.log");
        assertThat(log).exists();
        String text = Files.readString(log);
        for (String secret : SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
    }
}
