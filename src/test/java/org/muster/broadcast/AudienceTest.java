package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.support.TestCatalog;
import org.muster.team.Subscription;

/** Which subscriptions an area's call reaches: its own area, any area inside it, one it lies in, all calls; never a sibling. */
class AudienceTest {

    private final Audience audience = new Audience(null, null, TestCatalog.nanjing());

    static Stream<Arguments> table() {
        return Stream.of(
                // target area, subscribed area, reached, counted under
                Arguments.of("jiangning", "jiangning", true, "jiangning"),
                Arguments.of("jiangning", "jiangning.dongshan", true, "jiangning.dongshan"),
                Arguments.of("jiangning", "jiangning.dongshan.baijiahu", true, "jiangning.dongshan.baijiahu"),
                Arguments.of("jiangning.dongshan", "jiangning.dongshan.baijiahu", true, "jiangning.dongshan.baijiahu"),
                Arguments.of("jiangning.dongshan", "jiangning", true, "jiangning"),
                Arguments.of("jiangning.dongshan.baijiahu", "jiangning.dongshan", true, "jiangning.dongshan"),
                Arguments.of("jiangning.dongshan", "jiangning.lukou", false, null),
                Arguments.of("jiangning.dongshan.baijiahu", "jiangning.dongshan.zhushan", false, null),
                Arguments.of("jiangning", "xuanwu", false, null),
                Arguments.of("xuanwu", "jiangning.dongshan.baijiahu", false, null));
    }

    @ParameterizedTest(name = "a call for {0} reaches a group of {1}: {2}")
    @MethodSource("table")
    void anAreaReachesItsWholeBranch(String target, String subscribed, boolean reached, String countedUnder) {
        Subscription subscription = new Subscription(1, false, List.of(subscribed), List.of());
        Target call = new Target(false, true, false, false, target, List.of());
        assertThat(audience.wants(subscription, call)).isEqualTo(reached);
        assertThat(audience.matchingArea(subscription, call)).isEqualTo(countedUnder);
    }

    @ParameterizedTest(name = "all calls: {0}")
    @MethodSource("table")
    void aGroupTakingAllCallsIsReachedByAnyArea(String target, String ignored, boolean ignoredToo, String alsoIgnored) {
        assertThat(audience.wants(new Subscription(1, true, List.of(), List.of()), new Target(false, true, false, false, target, List.of())))
                .isTrue();
    }
}
