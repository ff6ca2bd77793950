/*
 * The service catalog of the demo district: twelve categories and the
 * service items a community counter in 铜川 takes in, with their
 * conditions, materials, time limits, fees, departments and the extra
 * form fields each needs. Item codes are plausible, not official.
 */
#include <stddef.h>

#include "seed-catalog-data.h"

#define NITEMS(a)	(sizeof (a) / sizeof *(a))

const struct seed_category seed_categories[] = {
	{ "01", "社会保险", "Social insurance", "A", "SB" },
	{ "02", "就业创业", "Employment and business start-up", "B", "JY" },
	{ "03", "医疗保障", "Medical insurance", "C", "YB" },
	{ "04", "社会救助", "Social assistance", "D", "JZ" },
	{ "05", "养老服务", "Elderly care", "E", "YL" },
	{ "06", "残疾人服务", "Disability services", "F", "CJ" },
	{ "07", "退役军人服务", "Veterans' services", "G", "TY" },
	{ "08", "卫生健康", "Health and family planning", "H", "WJ" },
	{ "09", "住房保障", "Housing support", "J", "ZF" },
	{ "10", "户籍与居住", "Household registration and residence", "K",
	  "HJ" },
	{ "11", "党群服务", "Party and community services", "L", "DQ" },
	{ "12", "综合服务", "General services", "M", "ZH" },
};
const size_t seed_ncategories = NITEMS(seed_categories);

/* Departments, and the approval chain each one's items go through. */
const struct seed_department seed_departments[] = {
	{ "区人力资源和社会保障局",
	  "社区受理/初审|街道审核|区人社局社保经办中心审批" },
	{ "区人力资源和社会保障局",
	  "社区受理/初审|街道审核|区人社局就业服务中心审批" },
	{ "区医疗保障局", "社区受理/初审|街道审核|区医疗保障局审批" },
	{ "区民政局", "社区受理/初审|街道审核|区民政局审批" },
	{ "区民政局", "社区受理/初审|街道审核|区民政局审批" },
	{ "区残疾人联合会", "社区受理/初审|街道审核|区残联审批" },
	{ "区退役军人事务局", "社区受理/初审|街道退役军人服务站审核|"
	  "区退役军人事务局审批" },
	{ "区卫生健康局", "社区受理/初审|街道审核|区卫生健康局审批" },
	{ "区住房和城乡建设局", "社区受理/初审|街道审核|区住建局审批" },
	{ "公安分局派出所", "社区受理/初审|派出所审核|公安分局审批" },
	{ "街道党工委", "社区党组织受理|街道党工委审批" },
	{ "街道办事处", "社区受理/初审|街道办事处办理" },
	{ "区司法局", "社区受理/初审|区法律援助中心审批" },
};
const size_t seed_ndepartments = NITEMS(seed_departments);

/* Materials by letter: name, originals, copies, required, the
 * working days to bring it when taken 容缺 (0: never), and whether a
 * written promise may replace it (告知承诺). */
const struct seed_material seed_materials[] = {
	{ 'I', "居民身份证", 1, 1, 1, 0, 0 },
	{ 'H', "户口簿", 1, 1, 1, 0, 0 },
	{ 'P', "近期一寸免冠照片", 0, 2, 1, 5, 0 },
	{ 'B', "本人社会保障卡或银行卡", 0, 1, 1, 5, 0 },
	{ 'A', "代办人身份证", 1, 1, 0, 0, 0 },
	{ 'M', "结婚证", 1, 1, 1, 0, 0 },
	{ 'C', "残疾人证", 1, 1, 1, 0, 0 },
	{ 'V', "退役证件或优待证", 1, 1, 1, 0, 0 },
	{ 'D', "二级以上医院诊断证明", 1, 1, 1, 0, 0 },
	{ 'F', "家庭成员收入证明材料", 0, 1, 1, 0, 1 },
	{ 'R', "房屋产权证明或租赁合同", 1, 1, 1, 0, 1 },
	{ 'L', "劳动合同或用工证明", 0, 1, 1, 10, 0 },
	{ 'O', "出生医学证明", 1, 1, 1, 0, 0 },
	{ 'T', "转移接续凭证", 1, 0, 1, 0, 0 },
	{ 'N', "党组织关系介绍信", 1, 0, 1, 0, 0 },
	{ 'E', "医疗费用票据及清单", 1, 1, 1, 0, 0 },
	{ 'S', "申请书", 1, 0, 1, 0, 0 },
	{ 'W', "死亡医学证明", 1, 1, 1, 0, 0 },
	{ 'G', "营业执照", 1, 1, 1, 0, 0 },
	{ 'X', "相关证明材料", 0, 1, 0, 0, 0 },
};
const size_t seed_nmaterials = NITEMS(seed_materials);

#define OPT_BANKS "ccb:中国建设银行:China Construction Bank|" \
	"icbc:中国工商银行:ICBC|abc:中国农业银行:Agricultural Bank of " \
	"China|psbc:中国邮政储蓄银行:Postal Savings Bank of China|" \
	"ssc:社会保障卡金融账户:Social security card account"

/* Extra fields services take beyond the applicant, by name. */
const struct seed_field seed_fields[] = {
	{ "bank", "开户银行", "Bank", "select", 1, 0, 0, NULL, -1, -1,
	  OPT_BANKS, "ssc", NULL },
	{ "account_no", "银行账号", "Account number", "text", 1, 12, 30,
	  "[0-9]{12,30}", -1, -1, NULL, NULL, "只填数字，不含空格" },
	{ "monthly_amount_fen", "月发放标准", "Monthly amount", "money", 0,
	  0, 0, NULL, 0, 100000, NULL, NULL, "由街道审核时确定，可不填" },
	{ "reason", "申请事由", "Reason", "multiline", 1, 2, 500, NULL, -1,
	  -1, NULL, NULL, NULL },
	{ "family_size", "家庭人口数", "Household size", "number", 1, 0, 0,
	  NULL, 1, 20, NULL, NULL, NULL },
	{ "family_income_fen", "家庭月收入合计", "Household monthly income",
	  "money", 1, 0, 0, NULL, 0, 10000000, NULL, NULL, "以分为单位" },
	{ "employer", "工作单位", "Employer", "text", 0, 1, 50, NULL, -1, -1,
	  NULL, NULL, NULL },
	{ "employer_uscc", "单位统一社会信用代码", "Employer USCC", "uscc", 0,
	  0, 0, NULL, -1, -1, NULL, NULL, NULL },
	{ "start_date", "起始日期", "Start date", "date", 1, 0, 0, NULL, -1,
	  -1, NULL, NULL, NULL },
	{ "contribution_level", "缴费档次", "Contribution level", "select",
	  1, 0, 0, NULL, -1, -1, "l200:200元:200 yuan|l500:500元:500 yuan|"
	  "l1000:1000元:1000 yuan|l2000:2000元:2000 yuan|"
	  "l3000:3000元:3000 yuan", NULL, NULL },
	{ "disability_type", "残疾类别", "Type of disability", "select", 1,
	  0, 0, NULL, -1, -1, "vision:视力残疾:Visual|hearing:听力残疾:"
	  "Hearing|speech:言语残疾:Speech|physical:肢体残疾:Physical|"
	  "intellect:智力残疾:Intellectual|mental:精神残疾:Mental|"
	  "multiple:多重残疾:Multiple", NULL, NULL },
	{ "disability_grade", "残疾等级", "Grade", "select", 1, 0, 0, NULL,
	  -1, -1, "g1:一级:Grade 1|g2:二级:Grade 2|g3:三级:Grade 3|"
	  "g4:四级:Grade 4", NULL, NULL },
	{ "child_name", "子女姓名", "Child's name", "text", 1, 1, 30, NULL,
	  -1, -1, NULL, NULL, NULL },
	{ "child_birth_date", "子女出生日期", "Child's date of birth",
	  "date", 1, 0, 0, NULL, -1, -1, NULL, NULL, NULL },
	{ "spouse_name", "配偶姓名", "Spouse's name", "text", 0, 1, 30, NULL,
	  -1, -1, NULL, NULL, NULL },
	{ "spouse_id_number", "配偶身份号码", "Spouse's ID number",
	  "id_number", 0, 0, 0, NULL, -1, -1, NULL, NULL, NULL },
	{ "destination", "迁往地址", "Moving to", "text", 1, 2, 100, NULL,
	  -1, -1, NULL, NULL, NULL },
	{ "postal_code", "邮政编码", "Postal code", "postal_code", 0, 0, 0,
	  NULL, -1, -1, NULL, NULL, NULL },
	{ "hospital", "就诊医院", "Hospital", "text", 1, 2, 50, NULL, -1, -1,
	  NULL, NULL, NULL },
	{ "amount_fen", "申请金额", "Amount claimed", "money", 1, 0, 0, NULL,
	  0, 100000000, NULL, NULL, NULL },
	{ "housing_area", "现住房面积（平方米）", "Floor area (m²)", "number",
	  1, 0, 0, NULL, 0, 1000, NULL, NULL, NULL },
	{ "needs", "服务需求", "Services needed", "multiselect", 1, 1, 4,
	  NULL, -1, -1, "meal:助餐:Meals|bath:助浴:Bathing|clean:助洁:"
	  "Cleaning|medical:助医:Medical care|visit:探访:Visits|"
	  "emergency:紧急呼叫:Emergency call", NULL, NULL },
	{ "care_level", "失能等级", "Level of care", "select", 1, 0, 0, NULL,
	  -1, -1, "mild:轻度失能:Mild|moderate:中度失能:Moderate|"
	  "severe:重度失能:Severe", NULL, NULL },
	{ "service_years", "服役年限", "Years of service", "number", 1, 0, 0,
	  NULL, 1, 40, NULL, NULL, NULL },
	{ "unit_name", "原部队番号或单位", "Former unit", "text", 0, 1, 50,
	  NULL, -1, -1, NULL, NULL, NULL },
	{ "business_name", "经营者字号", "Business name", "text", 1, 2, 50,
	  NULL, -1, -1, NULL, NULL, NULL },
	{ "business_uscc", "统一社会信用代码", "USCC", "uscc", 1, 0, 0,
	  NULL, -1, -1, NULL, NULL, "营业执照上的18位代码" },
	{ "party_branch", "原所在党支部", "Former party branch", "text", 1,
	  2, 50, NULL, -1, -1, NULL, NULL, NULL },
	{ "event_date", "发生日期", "Date", "date", 1, 0, 0, NULL, -1, -1,
	  NULL, NULL, NULL },
	{ "counterparty", "对方当事人", "Other party", "text", 1, 1, 50, NULL,
	  -1, -1, NULL, NULL, NULL },
	{ "dog_breed", "犬只品种", "Breed", "text", 1, 1, 30, NULL, -1, -1,
	  NULL, NULL, NULL },
	{ "venue_date", "使用日期", "Date of use", "date", 1, 0, 0, NULL, -1,
	  -1, NULL, NULL, NULL },
	{ "headcount", "参加人数", "Participants", "number", 1, 0, 0, NULL, 1,
	  500, NULL, NULL, NULL },
	{ "insured_type", "参保身份", "Insured as", "select", 1, 0, 0, NULL,
	  -1, -1, "resident:城乡居民:Resident|student:在校学生:Student|"
	  "child:学龄前儿童:Pre-school child|flexible:灵活就业人员:"
	  "Self-employed", NULL, NULL },
	{ "chronic_disease", "病种", "Condition", "select", 1, 0, 0, NULL,
	  -1, -1, "hypertension:高血压:Hypertension|diabetes:糖尿病:"
	  "Diabetes|coronary:冠心病:Coronary heart disease|stroke:脑卒中"
	  "后遗症:Stroke sequelae|copd:慢性阻塞性肺疾病:COPD", NULL, NULL },
	{ "since", "起始居住日期", "Living here since", "date", 1, 0, 0, NULL,
	  -1, 0, NULL, NULL, NULL },
	{ "tenure", "居住性质", "Tenure", "select", 1, 0, 0, NULL, -1, -1,
	  "own:自有住房:Owner|rent:租住:Tenant|lodge:借住:Lodger", NULL,
	  NULL },
	{ "hardship_reason", "困难原因", "Cause of hardship", "select", 1, 0,
	  0, NULL, -1, -1, "illness:因病:Illness|disability:因残:Disability|"
	  "unemployment:因失业:Unemployment|disaster:因灾:Disaster|"
	  "other:其他原因:Other", NULL, NULL },
	{ "renewal_reason", "换领原因", "Why renewed", "select", 1, 0, 0,
	  NULL, -1, -1, "expiry:到期换领:Card expired|damaged:损坏换领:"
	  "Card damaged", NULL, "损坏换领按丢失补领标准收费" },
	{ "hours", "服务时长（小时）", "Hours of service", "number", 1, 0, 0,
	  NULL, 1, 10000, NULL, NULL, NULL },
	{ "activity", "活动内容", "Activity", "text", 1, 2, 50, NULL, -1, -1,
	  NULL, NULL, NULL },
	{ "consent", "同意查询家庭经济状况", "Consent to means check",
	  "checkbox", 1, 0, 0, NULL, -1, -1, NULL, "false", NULL },
};
const size_t seed_nfields = NITEMS(seed_fields);

/* txcode, name, name_en, days, fee, department, conditions, materials,
 * extra fields. */
const struct seed_service seed_services[] = {
	/* 01 社会保险 */
	{ "0101", "城乡居民养老保险参保登记", "Residents' pension insurance "
	  "enrolment", 0, 0, 0, "min_age=16", "IH", "contribution_level" },
	{ "0102", "城乡居民养老保险待遇领取申请", "Residents' pension "
	  "claim", 15, 0, 0, "min_age=60", "IHB", "bank account_no" },
	{ "0103", "城乡居民养老保险缴费档次变更", "Change of contribution "
	  "level", 0, 0, 0, "min_age=16", "I", "contribution_level" },
	{ "0104", "灵活就业人员养老保险参保登记", "Pension enrolment of the "
	  "self-employed", 0, 0, 0, "min_age=16;max_age=59", "IH",
	  "start_date" },
	{ "0105", "社会保障卡申领", "Social security card application", 10,
	  0, 0, "", "IP", "" },
	{ "0106", "社会保障卡挂失与补换", "Replacement of a social security "
	  "card", 10, 0, 0, "", "IP", "reason" },
	{ "0107", "养老保险关系转移接续申请", "Transfer of pension insurance "
	  "records", 15, 0, 0, "", "IT", "employer employer_uscc" },
	{ "0108", "领取养老金人员资格认证", "Pensioner's annual "
	  "certification", 0, 0, 0, "min_age=60", "I", "" },
	{ "0109", "城乡居民养老保险注销登记", "Closing a residents' pension "
	  "account", 10, 0, 0, "", "IHW", "event_date" },

	/* 02 就业创业 */
	{ "0201", "就业登记", "Employment registration", 0, 0, 1,
	  "min_age=16", "IL", "employer employer_uscc start_date" },
	{ "0202", "失业登记", "Unemployment registration", 0, 0, 1,
	  "min_age=16", "IH", "employer" },
	{ "0203", "就业困难人员认定", "Recognition as hard to employ", 15, 0,
	  1, "min_age=16", "IHX", "reason" },
	{ "0204", "创业担保贷款申请", "Start-up guaranteed loan", 20, 0, 1,
	  "min_age=18;max_age=60", "IHG", "business_name business_uscc "
	  "amount_fen" },
	{ "0205", "失业保险金申领", "Unemployment benefit claim", 10, 0, 1,
	  "min_age=16", "IB", "employer bank account_no" },
	{ "0206", "职业技能培训补贴申请", "Vocational training subsidy", 20,
	  0, 1, "min_age=16", "IX", "reason" },
	{ "0207", "公益性岗位申请", "Public-interest job application", 15, 0,
	  1, "min_age=18;max_age=59", "IH", "reason" },
	{ "0208", "就业创业证申领", "Employment and business start-up card",
	  5, 0, 1, "min_age=16", "IP", "" },
	{ "0209", "灵活就业社会保险补贴申请", "Social insurance subsidy for "
	  "the self-employed", 20, 0, 1, "min_age=16", "IB",
	  "bank account_no" },

	/* 03 医疗保障 */
	{ "0301", "城乡居民医疗保险参保登记", "Residents' medical insurance "
	  "enrolment", 0, 0, 2, "", "IH", "insured_type" },
	{ "0302", "门诊慢特病待遇认定", "Chronic disease outpatient benefit",
	  20, 0, 2, "", "ID", "chronic_disease hospital" },
	{ "0303", "异地就医备案", "Registration for treatment elsewhere", 0,
	  0, 2, "", "I", "hospital start_date" },
	{ "0304", "医疗费用手工报销", "Reimbursement of medical costs", 20,
	  0, 2, "", "IEB", "hospital amount_fen bank account_no" },
	{ "0305", "新生儿参保登记", "Enrolment of a newborn", 0, 0, 2,
	  "max_age=0", "HO", "" },
	{ "0306", "医疗救助申请", "Medical assistance", 20, 0, 2,
	  "tag=low_income", "IHE", "hospital amount_fen" },
	{ "0307", "医保关系转移接续", "Transfer of medical insurance "
	  "records", 15, 0, 2, "", "IT", "" },
	{ "0308", "长期护理保险待遇申请", "Long-term care insurance claim",
	  20, 0, 2, "", "ID", "care_level" },
	{ "0309", "城乡居民医保参保信息变更", "Change of medical insurance "
	  "details", 5, 0, 2, "", "I", "reason" },

	/* 04 社会救助 */
	{ "0401", "最低生活保障申请", "Minimum living allowance (低保)", 30,
	  0, 3, "", "IHFS", "family_size family_income_fen reason consent" },
	{ "0402", "特困人员救助供养申请", "Support for people in extreme "
	  "poverty", 30, 0, 3, "", "IHFS", "reason consent" },
	{ "0403", "临时救助申请", "Temporary assistance", 10, 0, 3, "",
	  "IHS", "reason amount_fen" },
	{ "0404", "低保对象年度复核", "Annual review of a 低保 household", 20,
	  0, 3, "tag=low_income", "IHF", "family_size family_income_fen" },
	{ "0405", "低收入家庭认定", "Recognition as a low-income household",
	  30, 0, 3, "", "IHF", "family_size family_income_fen consent" },
	{ "0406", "困难群众冬季取暖补助", "Winter heating allowance", 15, 0,
	  3, "tag=low_income", "IH", "bank account_no" },
	{ "0407", "支出型贫困家庭救助", "Assistance for households in need "
	  "through expenses", 20, 0, 3, "", "IHE", "reason amount_fen" },
	{ "0408", "受灾人员救助", "Disaster relief", 10, 0, 3, "", "IX",
	  "event_date reason" },
	{ "0409", "流浪乞讨人员救助", "Assistance to homeless people", 0, 0,
	  3, "", "X", "reason" },

	/* 05 养老服务 */
	{ "0501", "高龄津贴申请", "Old-age allowance (80+) application", 20,
	  0, 4, "min_age=80", "IHBA", "bank account_no monthly_amount_fen" },
	{ "0502", "老年人优待证办理", "Senior citizen's card", 5, 0, 4,
	  "min_age=60", "IP", "" },
	{ "0503", "经济困难老年人服务补贴", "Care subsidy for elderly people "
	  "in need", 20, 0, 4, "min_age=60;tag=low_income", "IHF",
	  "needs bank account_no" },
	{ "0504", "失能老年人护理补贴", "Care allowance for disabled elderly "
	  "people", 20, 0, 4, "min_age=60", "IHD", "care_level bank "
	  "account_no" },
	{ "0505", "居家养老服务申请", "Home care services", 15, 0, 4,
	  "min_age=60", "IH", "needs" },
	{ "0506", "养老机构入住申请", "Admission to a care home", 15, 0, 4,
	  "min_age=60", "IHD", "care_level" },
	{ "0507", "社区老年食堂助餐卡办理", "Community canteen meal card",
	  5, 0, 4, "min_age=60;community=1,2", "I", "" },
	{ "0508", "独居老人探访登记", "Visits to elderly people living "
	  "alone", 5, 0, 4, "min_age=60", "I", "needs" },
	{ "0509", "百岁老人长寿补贴", "Centenarian allowance", 20, 0, 4,
	  "min_age=100", "IHB", "bank account_no" },
	{ "0510", "老年人意外伤害保险参保", "Accident insurance for elderly "
	  "people", 0, 0, 4, "min_age=60", "I", "" },
	{ "0511", "居家适老化改造申请", "Home adaptation for elderly people",
	  20, 0, 4, "min_age=60", "IHR", "housing_area reason" },

	/* 06 残疾人服务 */
	{ "0601", "残疾人证新办", "First disability certificate", 20, 0, 5,
	  "", "IHPD", "disability_type" },
	{ "0602", "残疾人证换领", "Renewal of a disability certificate", 10,
	  0, 5, "tag=disabled", "ICP", "" },
	{ "0603", "困难残疾人生活补贴", "Living allowance for disabled "
	  "people in need", 20, 0, 5, "tag=disabled", "ICHF",
	  "disability_grade bank account_no" },
	{ "0604", "重度残疾人护理补贴", "Care allowance for severely disabled "
	  "people", 20, 0, 5, "tag=disabled", "ICH", "disability_grade bank "
	  "account_no" },
	{ "0605", "残疾人辅助器具适配", "Assistive devices", 15, 0, 5,
	  "tag=disabled", "IC", "disability_type reason" },
	{ "0606", "残疾人康复救助", "Rehabilitation assistance", 20, 0, 5, "",
	  "ID", "disability_type hospital" },
	{ "0607", "残疾人就业补贴", "Employment subsidy for disabled people",
	  20, 0, 5, "tag=disabled;min_age=16", "ICL", "employer bank "
	  "account_no" },
	{ "0608", "残疾儿童康复救助", "Rehabilitation of disabled children",
	  20, 0, 5, "max_age=17", "HOD", "disability_type hospital" },
	{ "0609", "残疾人家庭无障碍改造", "Barrier-free home adaptation", 30,
	  0, 5, "tag=disabled", "ICR", "housing_area reason" },

	/* 07 退役军人服务 */
	{ "0701", "退役军人信息采集", "Veteran registration", 0, 0, 6, "",
	  "IVP", "service_years unit_name" },
	{ "0702", "退役军人优待证申领", "Veteran's preferential treatment "
	  "card", 20, 0, 6, "tag=veteran", "IVP", "" },
	{ "0703", "悬挂光荣牌申请", "Honour plaque", 10, 0, 6, "tag=veteran",
	  "IV", "" },
	{ "0704", "退役军人困难帮扶申请", "Assistance to veterans in need",
	  20, 0, 6, "tag=veteran", "IVF", "reason amount_fen" },
	{ "0705", "参战参试人员生活补助", "Allowance for veterans of war "
	  "service", 20, 0, 6, "tag=veteran;min_age=50", "IV", "service_years "
	  "unit_name bank account_no" },
	{ "0706", "退役军人就业创业服务登记", "Employment services for "
	  "veterans", 10, 0, 6, "tag=veteran", "IV", "reason" },
	{ "0707", "烈士遗属优待申请", "Benefits for martyrs' families", 20, 0,
	  6, "", "IHX", "reason" },
	{ "0708", "伤残抚恤申请", "Disability pension for service injuries",
	  30, 0, 6, "tag=veteran", "IVD", "service_years reason" },
	{ "0709", "退役士兵待安排工作期间生活补助", "Allowance while awaiting "
	  "placement", 20, 0, 6, "tag=veteran;max_age=45", "IV",
	  "bank account_no" },

	/* 08 卫生健康 */
	{ "0801", "生育登记", "Birth registration (family planning)", 0, 0, 7,
	  "min_age=18", "IHM", "spouse_name spouse_id_number" },
	{ "0802", "出生医学证明补发", "Replacement birth certificate", 10, 0,
	  7, "", "IH", "child_name child_birth_date reason" },
	{ "0803", "计划生育家庭特别扶助金申请", "Special support for "
	  "family-planning families", 20, 0, 7, "min_age=49", "IHS",
	  "reason bank account_no" },
	{ "0804", "农村部分计划生育家庭奖励扶助", "Reward for rural "
	  "family-planning families", 20, 0, 7, "min_age=60", "IH",
	  "bank account_no" },
	{ "0805", "独生子女父母光荣证办理", "Certificate for parents of an "
	  "only child", 10, 0, 7, "", "IHM", "child_name child_birth_date" },
	{ "0806", "家庭医生签约服务", "Family doctor contract", 0, 0, 7, "",
	  "I", "hospital" },
	{ "0807", "老年人健康体检预约", "Health check-up for elderly people",
	  0, 0, 7, "min_age=65", "I", "venue_date" },
	{ "0808", "孕产妇健康管理登记", "Maternal health registration", 0, 0,
	  7, "min_age=18", "IM", "event_date" },
	{ "0809", "婴幼儿托育补贴申请", "Childcare subsidy", 20, 0, 7, "",
	  "IHO", "child_name child_birth_date bank account_no" },
	{ "0810", "预防接种证补办", "Replacement vaccination record", 5, 0, 7,
	  "", "HO", "child_name child_birth_date" },

	/* 09 住房保障 */
	{ "0901", "公共租赁住房申请", "Public rental housing", 30, 0, 8,
	  "min_age=18", "IHFR", "family_size family_income_fen housing_area" },
	{ "0902", "住房租赁补贴申请", "Rent subsidy", 30, 0, 8, "min_age=18",
	  "IHFR", "family_size family_income_fen bank account_no" },
	{ "0903", "保障性住房资格年审", "Annual review of housing support",
	  20, 0, 8, "", "IHF", "family_size family_income_fen" },
	{ "0904", "老旧小区加装电梯申请", "Lift retrofit in an old estate",
	  30, 0, 8, "", "IRS", "reason" },
	{ "0905", "农村危房改造申请", "Rebuilding an unsafe rural house", 30,
	  0, 8, "", "IHR", "housing_area reason" },
	{ "0906", "物业纠纷调解申请", "Property management dispute "
	  "mediation", 10, 0, 11, "", "I", "counterparty reason" },
	{ "0907", "棚户区改造安置登记", "Resettlement registration", 20, 0, 8,
	  "", "IHR", "housing_area" },
	{ "0908", "公共租赁住房退出申请", "Leaving public rental housing",
	  10, 0, 8, "", "I", "reason" },

	/* 10 户籍与居住 */
	{ "1001", "居住证申领", "Residence permit", 15, 0, 9, "", "IPR",
	  "start_date" },
	{ "1002", "居住证签注", "Residence permit renewal", 0, 0, 9, "", "I",
	  "" },
	{ "1003", "出生登记（落户）", "Registering a birth (hukou)", 5, 0, 9,
	  "", "HOM", "child_name child_birth_date" },
	{ "1004", "户口迁入", "Moving a household registration in", 10, 0, 9,
	  "", "IHR", "reason" },
	{ "1005", "户口迁出", "Moving a household registration out", 5, 0, 9,
	  "", "IH", "destination postal_code" },
	{ "1006", "居民身份证换领", "Renewal of an ID card", 20, 2000, 9, "",
	  "IH", "renewal_reason" },
	{ "1007", "居民身份证补领", "Replacement of a lost ID card", 20, 4000,
	  9, "", "H", "reason" },
	{ "1008", "临时居民身份证申领", "Temporary ID card", 3, 1000, 9, "",
	  "H", "reason" },
	{ "1009", "死亡注销户口", "Cancelling the registration of a deceased "
	  "person", 0, 0, 9, "", "HW", "event_date" },
	{ "1010", "户籍信息变更更正", "Correction of registration details",
	  20, 0, 9, "", "IHX", "reason" },

	/* 11 党群服务 */
	{ "1101", "党员组织关系转接", "Transfer of party membership", 10, 0,
	  10, "tag=party_member", "IN", "party_branch" },
	{ "1102", "流动党员登记", "Registration of a mobile party member", 5,
	  0, 10, "tag=party_member", "I", "party_branch" },
	{ "1103", "困难党员帮扶申请", "Assistance to party members in need",
	  20, 0, 10, "tag=party_member", "IF", "reason amount_fen" },
	{ "1104", "入党申请登记", "Application to join the party", 5, 0, 10,
	  "min_age=18", "IS", "employer" },
	{ "1105", "志愿者注册", "Volunteer registration", 0, 0, 11,
	  "min_age=14", "I", "needs" },
	{ "1106", "工会会员入会登记", "Trade union membership", 5, 0, 11,
	  "min_age=16", "I", "employer" },
	{ "1107", "团员组织关系转接", "Transfer of Youth League membership",
	  10, 0, 10, "min_age=14;max_age=28", "I", "party_branch" },
	{ "1108", "妇女儿童维权服务申请", "Help for women and children", 10,
	  0, 11, "", "I", "reason" },
	{ "1109", "老党员生活补贴申请", "Allowance for long-standing party "
	  "members", 20, 0, 10, "tag=party_member;min_age=70", "IB",
	  "bank account_no" },

	/* 12 综合服务 */
	{ "1201", "法律援助申请", "Legal aid", 7, 0, 12, "", "IFS",
	  "counterparty reason" },
	{ "1202", "人民调解申请", "People's mediation", 10, 0, 11, "", "I",
	  "counterparty reason" },
	{ "1203", "信访事项登记", "Registering a petition", 15, 0, 11, "",
	  "I", "reason" },
	{ "1204", "社区公益活动场地申请", "Use of the community hall", 3, 0,
	  11, "", "I", "venue_date headcount reason" },
	{ "1205", "便民服务诉求登记", "Registering a request for help", 5, 0,
	  11, "", "IX", "reason" },
	{ "1206", "个体工商户登记代办", "Registering a sole trader", 3, 0, 11,
	  "min_age=18", "IR", "business_name" },
	{ "1207", "营业执照变更代办", "Changing a business licence", 5, 0, 11,
	  "min_age=18", "IG", "business_name business_uscc reason" },
	{ "1208", "养犬登记", "Dog registration", 5, 0, 11, "min_age=18",
	  "IR", "dog_breed" },
	{ "1209", "惠民殡葬补贴申请", "Funeral subsidy", 10, 0, 3, "", "HWB",
	  "event_date bank account_no" },
	{ "1210", "特殊群体关爱服务登记", "Care for people with special "
	  "needs", 5, 0, 11, "", "I", "needs reason" },
};
const size_t seed_nservices = NITEMS(seed_services);

/* The ID card's 工本费 by the national rules: the amount is set by
 * 发改价格〔2003〕2322号 (20 yuan to apply or renew, 40 to replace a
 * lost or damaged card, 10 for a temporary card); 居民身份证法 art. 20
 * para. 2 waives it for 低保 and rural hardship households on the
 * first application and on renewal only, never on a replacement. We
 * read 换领 there as the renewal of an expired card (到期换领): a
 * damaged card's (损坏换领) is charged as a lost one's and not waived.
 * Both are catalogue data a centre may change. */
#define ID_LAW "《中华人民共和国居民身份证法》第二十条"
#define ID_PRICE "《国家发展改革委 财政部关于居民身份证收费标准及有关问题" \
	"的通知》（发改价格〔2003〕2322号）"
#define ID_RELIEF "《财政部 国家发展改革委关于第二代居民身份证工本费减免" \
	"政策的通知》"

const struct seed_fee seed_fees[] = {
	{ "1006", ID_LAW "；" ID_PRICE "：申领、换领每证20元；"
	  "损坏换领每证40元" },
	{ "1007", ID_LAW "；" ID_PRICE "：丢失补领、损坏换领每证40元；"
	  "免收、减收仅适用于初次申领和换领" },
	{ "1008", ID_PRICE "：临时居民身份证每证10元；"
	  "《中华人民共和国临时居民身份证管理办法》" },
};
const size_t seed_nfees = NITEMS(seed_fees);

const struct seed_relief seed_reliefs[] = {
	{ "1006", "low_income", 0,
	  "领取最低生活保障金的居民换领居民身份证，免收工本费",
	  ID_LAW "第二款；" ID_RELIEF },
	{ "1006", "extreme_poverty", 0,
	  "特困供养人员换领居民身份证，免收工本费",
	  ID_LAW "第二款；" ID_RELIEF },
};
const size_t seed_nreliefs = NITEMS(seed_reliefs);

const struct seed_fee_case seed_fee_cases[] = {
	{ "1006", "renewal_reason", "expiry", 2000, 1,
	  "到期换领，每证20元",
	  ID_PRICE "：申领、换领每证20元；" ID_LAW "第二款的免收适用于"
	  "到期换领" },
	{ "1006", "renewal_reason", "damaged", 4000, 0,
	  "损坏换领，按丢失补领、损坏换领标准每证40元，不予免收",
	  ID_PRICE "：丢失补领、损坏换领每证40元；" ID_LAW "第二款的免收"
	  "仅适用于申领和到期换领，不适用于损坏换领" },
};
const size_t seed_nfee_cases = NITEMS(seed_fee_cases);
