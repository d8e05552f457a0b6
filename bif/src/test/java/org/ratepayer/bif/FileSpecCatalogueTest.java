package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FileSpecCatalogueTest {

    private final FileSpecCatalogue catalogue = FileSpecCatalogue.standard();

    @Test
    void looksUpIds() {
        assertThat(catalogue.byId(FileSpecIds.TOTAL_AMOUNT_DUE)).hasValueSatisfying(def -> {
            assertThat(def.name()).isEqualTo("TotalAmountDue");
            assertThat(def.type()).isEqualTo(FieldType.AMOUNT);
            assertThat(def.required()).isTrue();
        });
        assertThat(catalogue.byId(3)).isEmpty();
        assertThatThrownBy(() -> catalogue.require(3)).hasMessage("FileSpecId 3 is not in the catalogue");
        assertThat(catalogue.forRow(RowType.ID)).extracting(FieldDef::fileSpecId).containsExactly(70, 2101, 2102);
        assertThat(catalogue.rowTypeField(RowType.CR).fileSpecId()).isEqualTo(FileSpecIds.CR_ROW_TYPE);
    }

    @Test
    void everyConstantIsCataloguedAndEveryEntryHasAConstant() throws IllegalAccessException {
        Set<Integer> constants = new TreeSet<>();
        for (Field field : FileSpecIds.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                constants.add(field.getInt(null));
            }
        }
        assertThat(constants).containsExactlyElementsOf(
                catalogue.all().stream().map(FieldDef::fileSpecId).toList());
    }

    @Test
    void onlySeedIdsAreMarkedAsFromTheSeed() {
        Set<Integer> seed = Set.of(1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 39, 40, 41, 46, 47, 407, 58, 59, 60, 61,
                62, 63, 64, 65, 66, 67, 356, 373, 70);
        for (FieldDef def : catalogue.all()) {
            assertThat(def.projectAssigned()).as("FileSpecId %d", def.fileSpecId())
                    .isEqualTo(!seed.contains(def.fileSpecId()));
        }
    }

    @Test
    void rejectsABrokenCatalogue() {
        List<FieldDef> twice = new ArrayList<>(catalogue.all());
        twice.add(catalogue.require(FileSpecIds.ZIP));
        assertThatThrownBy(() -> FileSpecCatalogue.of(twice)).hasMessage("FileSpecId 65 is defined twice");
        List<FieldDef> noIdRow = catalogue.all().stream().filter(def -> def.rowType() != RowType.ID).toList();
        assertThatThrownBy(() -> FileSpecCatalogue.of(noIdRow)).hasMessage("row ID has no RowType field");
    }

    /** bif/README.md documents the catalogue in one table; it must say what the code does. */
    @Test
    void readmeTableMatchesTheCatalogue() throws IOException {
        List<String> documented = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("| id |")) {
                inTable = true;
            } else if (inTable && line.startsWith("|") && !line.startsWith("| ---")) {
                documented.add(normalise(line));
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        List<String> expected = catalogue.all().stream()
                .map(def -> normalise("| " + def.fileSpecId() + " | " + def.name() + " | " + def.rowType() + " | "
                        + def.type() + " | " + (def.required() ? "yes" : "no") + " | " + def.maxLength() + " | "
                        + (def.projectAssigned() ? "project-assigned" : "seed") + " |"))
                .toList();
        assertThat(documented).containsExactlyElementsOf(expected);
    }

    private static String normalise(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1, row.lastIndexOf('|')).split("\\|")) {
            cells.add(cell.strip());
        }
        return String.join(" | ", cells);
    }
}
