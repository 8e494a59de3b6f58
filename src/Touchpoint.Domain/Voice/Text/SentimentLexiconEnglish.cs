namespace Touchpoint.Domain.Voice.Text;

/// <summary>
/// The English customer-service sentiment lexicon, curated by hand for this product. Valences follow the VADER
/// scale (Hutto and Gilbert 2014: −4 very negative … +4 very positive; many general words take VADER's mean rating)
/// plus service words VADER lacks ("still waiting", "faulty", "engineer never turned up"). Format: term=valence;
/// "a_b" is the phrase "a b"; "x*" matches every word starting with x. Words are folded (no case, no diacritics).
/// </summary>
internal static class SentimentLexiconEnglish
{
    public const string Terms = """
        good=1.9 great=3.1 excellent=3.2 amazing=2.8 awesome=3.1 fantastic=2.6 brilliant=2.8 perfect=2.7 perfectly=2.4
        superb=3.1 outstanding=3.0 exceptional=2.6 wonderful=2.7 fabulous=2.8 fab=2.5 terrific=2.8 marvellous=2.8 incredible=2.2
        love=3.2 loved=2.9 lovely=2.8 loving=2.5 like=1.0 liked=1.8 enjoy*=1.8 nice=1.8 fine=0.8 ok=0.9 okay=0.9 decent=1.2
        happy=2.7 pleased=1.9 satisfied=1.8 satisfactory=1.4 delighted=3.0 glad=2.0 impressed=2.0 impressive=2.2 pleasant=2.0
        pleasure=2.0 positive=2.0 best=3.2 better=1.9 well=1.1 superior=1.8 exceeded=1.8 improved=1.0 reasonable=1.1
        easy=1.9 easily=1.4 simple=1.0 simply=0.3 smooth=1.5 smoothly=1.5 seamless=2.0 seamlessly=2.0 straightforward=1.4
        painless=1.5 effortless=1.8 convenient=1.5 quick=1.3 quickly=1.0 fast=1.2 speedy=1.4 prompt=1.3 promptly=1.3
        efficient=1.8 efficiently=1.6 swift=1.4 clear=1.0 helpful=1.9 friendly=2.2 polite=1.8 courteous=2.0 kind=1.9
        professional=1.8 professionally=1.6 knowledgeable=1.6 patient=1.3 reliable=1.8 trustworthy=2.0 informative=1.3
        recommend=1.8 recommended=1.8 thank=1.5 thanks=1.9 thankyou=1.9 fair=1.3 works=1.0 worked=0.8 working=0.6
        fun=2.3 cheap=0.4 bargain=1.5 value=0.6 accurate=1.2 correct=1.0 right=0.4 solved=1.6 resolved=1.6 sorted=1.2
        on_time=1.6 as_promised=1.4 as_expected=0.9 as_described=1.4 spot_on=2.2 well_done=2.4 no_probs=1.5 hassle_free=2.2
        above_expectation=2.2 above_expectations=2.2 beyond_expectations=2.4 first_class=2.6 top_notch=2.6 no_complaints=1.8 went_well=1.8 all_good=1.8

        bad=-2.5 poor=-2.1 poorly=-2.0 terrible=-3.0 terribly=-2.6 awful=-3.0 appalling=-3.2 appalled=-2.8 dreadful=-3.0
        diabolical=-3.0 horrendous=-3.2 horrible=-3.0 horrid=-2.8 atrocious=-3.0 abysmal=-3.0 shocking=-2.6 shocked=-1.8
        disgusting=-3.0 disgraceful=-3.0 disgrace=-2.8 pathetic=-2.6 hopeless=-2.4 useless=-2.5 rubbish=-2.4 worst=-3.1
        worse=-2.1 nightmare=-2.8 disaster=-3.0 disastrous=-3.0 shambles=-2.6 joke=-1.0 ridiculous=-2.1 unacceptable=-2.5
        disappoint*=-2.1 frustrat*=-2.1 annoy*=-1.8 angry=-2.3 furious=-3.0 unhappy=-2.2 upset=-1.8 stress*=-1.7
        incompetent=-2.6 incompetence=-2.6 unprofessional=-2.3 rude=-2.4 unhelpful=-2.0 ignorant=-1.8 ignored=-1.8 clueless=-2.0
        lies=-2.0 lied=-2.2 lying=-2.0 misleading=-2.0 misled=-2.0 mislead=-2.0 promised=-0.4 unreliable=-2.0 inconsistent=-1.2
        slow=-1.3 slowly=-1.0 late=-1.3 delay*=-1.4 wait=-0.9 waited=-1.2 waiting=-1.2 waits=-0.9 ages=-1.0 forever=-1.0
        weeks=-0.5 months=-0.7 still_waiting=-2.2 still_not=-1.8 still_no=-1.8 still_have_not=-2.0 not_yet=-1.2
        never_arrived=-2.6 never_turned_up=-2.8 did_not_turn_up=-2.8 not_turn_up=-2.4 no_show=-2.4 not_connected=-1.8
        not_working=-2.2 not_work=-2.0 does_not_work=-2.4 stopped_working=-2.4 keeps_dropping=-2.2 drop*=-0.8 outage*=-1.8
        fault=-1.5 faults=-1.5 faulty=-2.0 broken=-2.0 broke=-1.6 damaged=-2.0 defective=-2.2 fail=-1.8 failed=-2.0 fails=-1.8
        failing=-1.8 failure=-2.0 problem=-1.3 problems=-1.4 problematic=-1.6 issue=-1.0 issues=-1.2 error*=-1.4 trouble*=-1.5
        complain=-1.7 complained=-1.7 complaint=-1.8 complaints=-1.8 hassle=-1.5 mess=-1.8 messed=-1.8 mucked=-1.8 muddle=-1.6
        chasing=-1.4 chase=-1.2 chased=-1.3 cancel=-1.0 cancelled=-1.2 canceled=-1.2 wrong=-1.8 wrongly=-1.6 incorrect=-1.5
        missing=-1.3 lack=-1.5 lacking=-1.4 lack_of=-1.8 confus*=-1.3 difficult=-1.5 difficulty=-1.4 difficulties=-1.4 hard=-0.8
        expensive=-1.3 overpriced=-2.0 overcharg*=-2.2 rip_off=-2.6 ripped_off=-2.6 waste=-1.8 wasted=-1.9 ombudsman=-1.6
        nobody=-0.8 worry=-1.2 worried=-1.4 unfortunately=-1.2 sadly=-1.4 sorry=-0.3 poor_service=-2.8 bad_service=-2.8
        no_communication=-2.2 could_be_better=-1.0 room_for_improvement=-0.6 not_happy=-2.4 not_good=-2.0 not_great=-1.4
        month=-0.5 too_long=-2.0 far_too_long=-2.4 should_have=-1.0 should_of=-1.0 inaccurate=-1.5 chaos=-2.5 chaotic=-2.3
        not_returned=-1.6 no_one_turned_up=-2.8 nobody_turned_up=-2.8 contradict*=-1.2 hiccup*=-0.8 incomplete=-1.5 unaware=-0.8 honour=1.0
        no_problems=1.4 no_problem=1.4 no_issues=1.4 not_bad=0.8
        not_impressed=-2.0 not_recommend=-2.0 never_again=-2.6 pass_the_buck=-2.0 passed_around=-1.8 on_hold=-1.4 hung_up=-2.0
        """;

    public const string Negators = "not no never neither nor without nothing none cannot cant dont doesnt didnt isnt wasnt arent werent wont couldnt wouldnt shouldnt havent hasnt hadnt aint";

    public const string Boosters = "very really so extremely absolutely totally completely incredibly highly super most massively truly such exceptionally particularly especially utterly";

    public const string Dampeners = "slightly somewhat bit little fairly relatively kinda partly mostly";

    /// <summary>What comes after "but" outweighs what came before ("good service but nothing exceptional").</summary>
    public const string Contrasts = "but however";

    /// <summary>A clause opened by these words concedes a point; it counts half ("although it came late, ...").</summary>
    public const string Concessions = "although though despite whilst";

    public const string StopWords = "the and is was to of it i my you for not with have this that in on be are they we very were been has had would will your their our them there what which so because an at as by from";
}
