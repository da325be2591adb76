package org.muster.support;

import java.util.List;

import org.muster.catalog.Area;
import org.muster.catalog.Catalog;
import org.muster.catalog.Skill;

/** A small catalog for flow tests: one district with two streets, one of which has communities. */
public final class TestCatalog {

    private TestCatalog() {
    }

    public static Catalog nanjing() {
        return new Catalog(List.of(
                new Area("jiangning", null, 1, "江宁区", "Jiangning District", 0, false),
                new Area("jiangning.dongshan", "jiangning", 2, "东山街道", "Dongshan Subdistrict", 0, false),
                new Area("jiangning.dongshan.baijiahu", "jiangning.dongshan", 3, "百家湖社区", "Baijiahu Community", 0, false),
                new Area("jiangning.dongshan.zhushan", "jiangning.dongshan", 3, "竹山社区", "Zhushan Community", 1, false),
                new Area("jiangning.lukou", "jiangning", 2, "禄口街道", "Lukou Subdistrict", 1, false),
                new Area("xuanwu", null, 1, "玄武区", "Xuanwu District", 1, false),
                new Area("gone", null, 1, "旧区", "Old District", 2, true)),
                List.of(new Skill("medical", "医疗护理", "Medical care", 0, false),
                        new Skill("driving", "驾驶", "Driving", 1, false),
                        new Skill("retired", "旧技能", "Old skill", 2, true)));
    }
}
