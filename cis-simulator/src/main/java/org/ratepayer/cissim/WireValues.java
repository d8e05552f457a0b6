package org.ratepayer.cissim;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.ratepayer.multispeak.v3.ExtensionsItem;
import org.ratepayer.multispeak.v3.ExtensionsList;

/** Conversions between the simulator's values and MultiSpeak wire types. */
final class WireValues {

    private final Clock clock;
    private final DatatypeFactory datatypes = DatatypeFactory.newDefaultInstance();

    WireValues(Clock clock) {
        this.clock = clock;
    }

    /** A date as xs:dateTime at midnight without zone, the way Toolbox reports due dates. */
    XMLGregorianCalendar midnight(LocalDate date) {
        return date == null ? null : datatypes.newXMLGregorianCalendar(date.atStartOfDay().toString() + ":00");
    }

    XMLGregorianCalendar now() {
        return datatypes.newXMLGregorianCalendar(DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(clock.instant().atOffset(ZoneOffset.UTC).withNano(0)));
    }

    Clock clock() {
        return clock;
    }

    static ExtensionsItem item(String name, String value, String type) {
        ExtensionsItem item = new ExtensionsItem();
        item.setExtName(name);
        item.setExtValue(value);
        item.setExtType(type);
        return item;
    }

    static List<Extension> read(ExtensionsList list) {
        if (list == null) {
            return List.of();
        }
        return list.getExtensionsItem().stream()
                .filter(Objects::nonNull)
                .map(i -> new Extension(i.getExtName(), i.getExtValue(), i.getExtType()))
                .toList();
    }

    static ExtensionsList write(List<Extension> extensions) {
        ExtensionsList list = new ExtensionsList();
        extensions.forEach(e -> list.getExtensionsItem().add(item(e.name(), e.value(), e.type())));
        return list;
    }

    static String valueOf(List<Extension> extensions, String name) {
        return extensions.stream().filter(e -> name.equals(e.name())).map(Extension::value).findFirst().orElse(null);
    }
}
