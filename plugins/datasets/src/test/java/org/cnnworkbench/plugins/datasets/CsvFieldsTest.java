package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvFieldsTest {

    @Test
    void splitsAtTheDelimiterKeepingEmptyFields() {
        assertThat(CsvFields.split("1,2,,4,", ",")).containsExactly("1", "2", "", "4", "");
        assertThat(CsvFields.split("a::b", "::")).containsExactly("a", "b");
        assertThat(CsvFields.split("1\t 2", "\t")).containsExactly("1", " 2");
    }

    @Test
    void quotedFieldsMayHoldTheDelimiterAndDoubledQuotes() {
        assertThat(CsvFields.split("1, \"cat, black\" ,\"say \"\"hi\"\"\"", ","))
                .containsExactly("1", "cat, black", "say \"hi\"");
        assertThat(CsvFields.split("\"a\",\"\"", ",")).containsExactly("a", "");
    }

    @Test
    void refusesAnUnclosedQuoteAndTextAfterAClosingQuote() {
        assertThatThrownBy(() -> CsvFields.split("1,\"open", ","))
                .hasMessage("a quoted field (from column 3) has no closing quote; quoted fields cannot span lines");
        assertThatThrownBy(() -> CsvFields.split("\"a\"b,1", ","))
                .hasMessageStartingWith("text follows the closing quote of a field at column 4");
    }
}
