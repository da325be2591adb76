package org.muster.app;

import java.util.LinkedHashMap;
import java.util.Map;

import org.muster.conversation.Languages;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Who the console's user is, what they may open, and the console's texts in their language. */
@RestController
class AppApiController {

    private final AppProperties properties;
    private final OrganisationProperties organisation;

    AppApiController(AppProperties properties, OrganisationProperties organisation) {
        this.properties = properties;
        this.organisation = organisation;
    }

    @GetMapping("/app/api/me")
    Map<String, Object> me(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("id", user.id());
        me.put("firstName", user.firstName());
        me.put("language", Languages.code(user.locale()));
        me.put("coordinator", user.has(Role.COORDINATOR));
        me.put("leader", user.has(Role.LEADER));
        me.put("refreshMillis", properties.refresh().toMillis());
        // times on the console are the organisation's, as in chat, wherever the phone is
        me.put("timeZone", organisation.timeZone().getId());
        return me;
    }
}
