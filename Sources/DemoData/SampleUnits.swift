import Tagged
package import Domain

/// A unit of a generated organisation, with its assessment group.
package struct SampleUnit: Sendable, Equatable {
    package var id: UnitID
    package var name: String
    /// county, dept-1, dept-2, dept-3, township.
    package var group: String
    /// How many items it submits relative to others.
    package var activity: Double
}

/// Generates a realistic unit list: counties/districts with townships, and departments
/// in three classes. `city` gives ~12 counties and ~80 departments; larger `scale`s grow
/// toward a province (~2,000 units).
package enum SampleUnits {
    static let countyNames = ["东城区", "西城区", "南湖区", "北山区", "清河县", "青山县", "白水县", "临江县", "安平县", "永和县",
                              "新丰县", "长宁县", "高新区", "经开区", "云台县", "石门县", "平阳县", "龙泉县", "桃源县", "松阳县"]
    static let departmentNames = ["发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
                                  "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
                                  "农业农村局", "商务局", "文化广电旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局",
                                  "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局", "信访局", "数据资源管理局",
                                  "城市管理局", "乡村振兴局", "金融工作局", "国有资产监督管理委员会", "体育局", "粮食和物资储备局",
                                  "机关事务管理局", "人民防空办公室", "地方志办公室", "投资促进局", "大数据中心", "营商环境建设局", "外事办公室",
                                  "民族宗教事务局", "医疗保障中心", "住房公积金管理中心", "公共资源交易中心", "政务服务管理局", "行政审批局",
                                  "综合行政执法局", "消防救援支队", "气象局", "税务局", "供销合作社", "总工会", "共青团市委", "妇女联合会",
                                  "残疾人联合会", "科学技术协会", "工商业联合会", "红十字会", "档案馆", "图书馆", "博物馆", "疾病预防控制中心",
                                  "中心医院", "第一人民医院", "职业技术学院", "广播电视台", "日报社", "园林绿化中心", "水务集团", "城投集团",
                                  "交通投资集团", "文旅投资集团", "农业发展集团", "机场管理局", "港口管理局", "铁路建设办公室",
                                  "重点工程建设中心", "招商服务中心", "人才发展中心", "融媒体中心"]
    static let placeStems = ["清", "青", "白", "临", "安", "永", "新", "长", "云", "石", "平", "龙", "桃", "松", "南", "北", "东", "西", "丰", "宁"]
    static let placeEnds = ["河", "山", "水", "江", "平", "和", "丰", "宁", "台", "门", "阳", "泉", "源", "湖", "城", "林"]
    static let townshipSuffixes = ["镇", "乡", "街道"]
    static let townshipStems = ["城关", "河口", "新桥", "石桥", "东山", "西湖", "南岭", "北坪", "白沙", "青石", "柳林", "马坊", "黄庄", "杨村", "高桥", "双河"]

    /// `counties` county-level units each with `townships` townships, and `departments` departments.
    package static func make(counties: Int, townships: Int, departments: Int) -> [SampleUnit] {
        var units: [SampleUnit] = []
        for c in 0..<counties {
            let name = c < countyNames.count ? countyNames[c]
                : placeStems[(c * 7) % placeStems.count] + placeEnds[(c * 3 + c / placeStems.count) % placeEnds.count] + (c % 4 == 0 ? "区" : "县")
            units.append(SampleUnit(id: UnitID(rawValue: "county-\(pad(c + 1, 2))"), name: name + "人民政府", group: "county", activity: 8))
            for t in 0..<townships {
                let stem = townshipStems[(c * 7 + t) % townshipStems.count]
                let suffix = townshipSuffixes[t % townshipSuffixes.count]
                units.append(SampleUnit(id: UnitID(rawValue: "town-\(pad(c + 1, 2))-\(pad(t + 1, 2))"), name: "\(name)\(stem)\(suffix)", group: "township", activity: 1.2))
            }
        }
        for d in 0..<departments {
            let base = departmentNames[d % departmentNames.count]
            let prefix = d < departmentNames.count ? "市" : placeStems[(d / departmentNames.count * 5) % placeStems.count]
                + placeEnds[(d / departmentNames.count * 11) % placeEnds.count] + "市"
            let name = prefix + base
            let klass = d % 5 < 2 ? 1 : (d % 5 < 4 ? 2 : 3)
            units.append(SampleUnit(id: UnitID(rawValue: "dept-\(pad(d + 1, 3))"), name: name, group: "dept-\(klass)", activity: [4.0, 2.5, 1.5][klass - 1]))
        }
        return units
    }

    static func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, w - s.count)) + s
    }
}
