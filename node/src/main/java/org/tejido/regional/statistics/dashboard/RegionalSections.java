package org.tejido.regional.statistics.dashboard;

import java.util.List;
import org.springframework.stereotype.Component;
import org.tejido.platform.pages.Section;
import org.tejido.platform.pages.Sections;

/** The aggregator's sections: the regional team's statistics (shown to the roles the access table admits). */
@Component
class RegionalSections implements Sections {
    @Override
    public List<Section> sections() {
        return List.of(new Section("/statistics", "page.section.statistics"));
    }
}
