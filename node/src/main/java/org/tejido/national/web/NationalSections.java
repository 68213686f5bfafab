package org.tejido.national.web;

import java.util.List;
import org.springframework.stereotype.Component;
import org.tejido.platform.pages.Section;
import org.tejido.platform.pages.Sections;

/** The national node's sections, in the navigation's order; each shows only to the roles it admits. */
@Component
class NationalSections implements Sections {
    @Override
    public List<Section> sections() {
        return List.of(
                new Section("/cases", "page.section.cases"),
                new Section("/cases/new", "page.section.record"),
                new Section("/defenders", "page.section.defenders"),
                new Section("/imports", "page.section.imports"),
                new Section("/access-log", "page.section.access-log"),
                new Section("/federation", "page.section.federation"),
                new Section("/admin/projections", "page.section.projections"));
    }
}
