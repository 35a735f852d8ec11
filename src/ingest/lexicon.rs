//! The cue lexicon: the one table of words that make `ingest` propose a relation, and the one
//! table of words that make it weaken a proposal's certainty.
//!
//! The verb patterns follow the event categories of CAMEO and PLOVER (consult, agree, support,
//! cooperate, aid, request, yield; demand, accuse, reject, threaten, protest, sanction,
//! mobilize, coerce, assault; mediate), written as the English words news and analysis use for
//! them. They are general on purpose: a cue names a kind of act, never an actor, a place or a
//! phrase peculiar to one text. The README's table is generated from [`CUES`] and [`HEDGES`].
//!
//! A pattern is a space-separated list of words matched against a sentence's folded words
//! (lower case, accents and apostrophes dropped). A word ending in `*` matches any word it
//! begins (`strik*` matches `strike`, `strikes`, `striking`); `a|b` matches either word, for
//! stems whose prefix would catch other words (`host` is not `hostile`); `…` lets up to six words pass
//! before the next word of the pattern (`convey* … through`).

use crate::model::{Action, Certainty};

/// What part a cue gives the actors around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A verb or noun of a relation between two actors: the subject before it acts on the object
    /// after it (reversed in the passive: "was struck by Israel").
    Relation,
    /// A third actor stands between two: the actor before the cue hosts, brokers or mediates
    /// between the actors after it (or around it).
    Mediator,
    /// Talks are held *in* the actor after the cue, which hosts them between the actors that
    /// hold them: "talks in Oman", "held in Azerbaijan", "hosted by Qatar".
    Venue,
    /// A message or talks pass *through* the actor after the cue, between the actors around it:
    /// "conveyed … through Ankara", "via Oman".
    Channel,
}

/// One cue: a pattern, the action it proposes, whether the relation is two-sided, and how
/// strongly the words alone point at that action (0 to 1).
#[derive(Clone, Copy, Debug)]
pub struct Cue {
    /// The words, as described in the module's documentation.
    pub pattern: &'static str,
    /// The action proposed; its kind is the proposal's kind.
    pub action: Action,
    /// Talks and agreements are two-sided.
    pub mutual: bool,
    /// Which actors the cue relates.
    pub role: Role,
    /// How strongly the words alone point at the action.
    pub strength: f32,
}

const fn cue(pattern: &'static str, action: Action, mutual: bool, strength: f32) -> Cue {
    Cue {
        pattern,
        action,
        mutual,
        role: Role::Relation,
        strength,
    }
}

const fn mediation(pattern: &'static str, role: Role, strength: f32) -> Cue {
    Cue {
        pattern,
        action: Action::Mediate,
        mutual: false,
        role,
        strength,
    }
}

use Action::*;

/// Every relation cue. Longer patterns are tried first where two match at one word, so
/// "hosted talks between" wins over "talks".
pub const CUES: &[Cue] = &[
    // Mediation: a third actor between two.
    mediation(
        "host|hosts|hosted|hosting talks between",
        Role::Mediator,
        0.95,
    ),
    mediation("host|hosts|hosted|hosting … talks", Role::Mediator, 0.8),
    mediation(
        "host|hosts|hosted|hosting … negotiations",
        Role::Mediator,
        0.8,
    ),
    mediation("host|hosts|hosted|hosting … meeting", Role::Mediator, 0.7),
    mediation("mediat*", Role::Mediator, 0.9),
    mediation("broker*", Role::Mediator, 0.85),
    mediation("intermediar*", Role::Mediator, 0.85),
    mediation("go between", Role::Mediator, 0.8),
    mediation("facilitat* … talks", Role::Mediator, 0.8),
    mediation("facilitat* … negotiations", Role::Mediator, 0.8),
    mediation("backchannel", Role::Mediator, 0.75),
    mediation("back channel", Role::Mediator, 0.75),
    mediation("channel between", Role::Mediator, 0.8),
    mediation("message* between", Role::Mediator, 0.8),
    mediation("to both", Role::Mediator, 0.7),
    mediation("with both", Role::Mediator, 0.65),
    mediation("behind the scenes", Role::Mediator, 0.6),
    mediation("avert*", Role::Mediator, 0.55),
    mediation("mend*", Role::Mediator, 0.6),
    mediation("bring* together", Role::Mediator, 0.7),
    mediation("talks in", Role::Venue, 0.75),
    mediation("talks at", Role::Venue, 0.6),
    mediation("held in", Role::Venue, 0.6),
    mediation("meeting in", Role::Venue, 0.65),
    mediation("meet in", Role::Venue, 0.65),
    mediation("met in", Role::Venue, 0.65),
    mediation("negotiations in", Role::Venue, 0.7),
    mediation("summit in", Role::Venue, 0.6),
    mediation("hosted by", Role::Venue, 0.8),
    mediation("through", Role::Channel, 0.5),
    mediation("via", Role::Channel, 0.5),
    mediation("on behalf of", Role::Channel, 0.5),
    // Cooperation: consult.
    cue("met", Consult, true, 0.9),
    cue("meet*", Consult, true, 0.85),
    cue("talks", Consult, true, 0.85),
    cue("talked", Consult, true, 0.8),
    cue("negotiat*", Consult, true, 0.8),
    cue("discuss*", Consult, true, 0.8),
    cue("spoke", Consult, true, 0.75),
    cue("call|calls|phoned", Consult, true, 0.5),
    cue("phone*", Consult, true, 0.7),
    cue("visit*", Consult, false, 0.75),
    cue("host|hosts|hosted|hosting", Consult, false, 0.6),
    cue("consult*", Consult, true, 0.8),
    cue("dialogue", Consult, true, 0.75),
    cue("inform|informs|informed|informing", Consult, false, 0.6),
    cue("briefed|briefing|briefs", Consult, false, 0.55),
    cue("convey*", Consult, false, 0.65),
    cue("message*", Consult, false, 0.6),
    cue("invit*", Consult, false, 0.6),
    cue("diplomac*", Consult, true, 0.6),
    cue("contact*", Consult, true, 0.6),
    cue("summit", Consult, true, 0.7),
    cue("envoy*", Consult, false, 0.5),
    // Cooperation: agree.
    cue("agree*", Agree, true, 0.85),
    cue("agreement*", Agree, true, 0.85),
    cue("deal", Agree, true, 0.75),
    cue("deals", Agree, true, 0.75),
    cue("sign|signs|signed|signing", Agree, true, 0.7),
    cue("accord*", Agree, true, 0.7),
    cue("ceasefire", Agree, true, 0.8),
    cue("cease fire", Agree, true, 0.8),
    cue("truce", Agree, true, 0.8),
    cue("normaliz*", Agree, true, 0.75),
    cue("normalis*", Agree, true, 0.75),
    cue("rapprochement", Agree, true, 0.75),
    cue("reconcil*", Agree, true, 0.7),
    cue("endors*", Agree, false, 0.7),
    cue("welcom*", Agree, false, 0.6),
    cue("understanding", Agree, true, 0.55),
    cue("settlement", Agree, true, 0.6),
    // Cooperation: support.
    cue("support*", Support, false, 0.8),
    cue("back|backs", Support, false, 0.55),
    cue("backed", Support, false, 0.8),
    cue("backing", Support, false, 0.8),
    cue("ally", Support, true, 0.75),
    cue("allies", Support, true, 0.75),
    cue("allied", Support, true, 0.75),
    cue("alliance", Support, true, 0.75),
    cue("sponsor*", Support, false, 0.8),
    cue("proxy", Support, false, 0.7),
    cue("proxies", Support, false, 0.7),
    cue("patron*", Support, false, 0.7),
    cue("side* with", Support, false, 0.7),
    cue("stand* with", Support, false, 0.7),
    cue("defend*", Support, false, 0.5),
    cue("encourag*", Support, false, 0.55),
    cue("protect*", Support, false, 0.55),
    cue("friend*", Support, true, 0.55),
    cue("partner*", Support, true, 0.6),
    cue("relations", Support, true, 0.4),
    cue("ties", Support, true, 0.45),
    // Cooperation: cooperate.
    cue("cooperat*", Cooperate, true, 0.85),
    cue("co operat*", Cooperate, true, 0.85),
    cue("collaborat*", Cooperate, true, 0.8),
    cue("collu*", Cooperate, true, 0.75),
    cue("coordinat*", Cooperate, true, 0.8),
    cue("joint*", Cooperate, true, 0.75),
    cue("together", Cooperate, true, 0.6),
    cue("work* with", Cooperate, true, 0.7),
    cue("integrat*", Cooperate, true, 0.65),
    cue("merg*", Cooperate, true, 0.6),
    cue("train|trains|trained|training", Cooperate, false, 0.6),
    cue("deconflict*", Cooperate, true, 0.75),
    cue(
        "guide|guides|guided|guiding|guidance",
        Cooperate,
        false,
        0.55,
    ),
    cue("help|helps|helped|helping", Cooperate, false, 0.55),
    cue("assist*", Cooperate, false, 0.6),
    cue("align*", Cooperate, true, 0.6),
    cue("exchange*", Cooperate, true, 0.5),
    cue("intelligence", Cooperate, false, 0.45),
    cue("trade", Cooperate, true, 0.55),
    cue("invest*", Cooperate, false, 0.55),
    // Cooperation: aid.
    cue("aid", Aid, false, 0.75),
    cue("arm|arms", Aid, false, 0.6),
    cue("armed", Aid, false, 0.45),
    cue("arming", Aid, false, 0.75),
    cue("weapon*", Aid, false, 0.6),
    cue("suppl*", Aid, false, 0.7),
    cue("fund|funds|funded|funding", Aid, false, 0.75),
    cue("financ*", Aid, false, 0.75),
    cue("provid*", Aid, false, 0.6),
    cue("deliver*", Aid, false, 0.6),
    cue("transfer*", Aid, false, 0.55),
    cue("sell*", Aid, false, 0.55),
    cue("sold", Aid, false, 0.6),
    cue("shipment*", Aid, false, 0.6),
    cue("equip*", Aid, false, 0.6),
    // Cooperation: request.
    cue("ask*", Request, false, 0.7),
    cue("request*", Request, false, 0.8),
    cue("urge|urges|urged|urging", Request, false, 0.8),
    cue("call* on", Request, false, 0.75),
    cue("appeal*", Request, false, 0.75),
    cue("press* for", Request, false, 0.6),
    cue("seek*", Request, false, 0.55),
    cue("sought", Request, false, 0.55),
    cue("propos*", Request, false, 0.6),
    cue("offer*", Request, false, 0.55),
    // Cooperation: concede and retreat.
    cue("concession*", Concede, false, 0.75),
    cue("conced*", Concede, false, 0.75),
    cue("ease|eased|eases|easing", Concede, false, 0.5),
    cue("lift|lifts|lifted|lifting", Concede, false, 0.5),
    cue("releas*", Concede, false, 0.6),
    cue("yield*", Concede, false, 0.6),
    cue("withdr*", Retreat, false, 0.8),
    cue("pull* out", Retreat, false, 0.75),
    cue("pull* back", Retreat, false, 0.75),
    cue("retreat*", Retreat, false, 0.75),
    cue("de escalat*", Retreat, true, 0.7),
    cue("deescalat*", Retreat, true, 0.7),
    cue("disarm*", Retreat, false, 0.7),
    cue("demobiliz*", Retreat, false, 0.7),
    // Conflict: demand.
    cue("demand*", Demand, false, 0.8),
    cue("insist*", Demand, false, 0.65),
    cue("requir*", Demand, false, 0.55),
    cue("ultimatum*", Demand, false, 0.75),
    cue("responsible|responsibility", Demand, false, 0.45),
    cue("condition|conditioned|conditions", Demand, false, 0.5),
    // Conflict: accuse.
    cue("accus*", Accuse, false, 0.85),
    cue("blam*", Accuse, false, 0.8),
    cue("alleg*", Accuse, false, 0.5),
    cue("charge|charged|charges", Accuse, false, 0.45),
    // Conflict: reject.
    cue("reject*", Reject, false, 0.8),
    cue("refus*", Reject, false, 0.8),
    cue("oppos*", Reject, false, 0.75),
    cue("deny|denies|denied|denial", Reject, false, 0.5),
    cue("dismiss*", Reject, false, 0.6),
    cue("veto*", Reject, false, 0.75),
    cue("block*", Reject, false, 0.6),
    cue("resist*", Reject, false, 0.6),
    cue("cancel*", Reject, false, 0.6),
    cue("suspend*", Reject, false, 0.6),
    cue("against", Reject, false, 0.45),
    cue("rival*", Reject, true, 0.6),
    cue("compet*", Reject, true, 0.5),
    cue("distrust", Reject, true, 0.6),
    cue("mistrust", Reject, true, 0.6),
    cue("tension*", Reject, true, 0.6),
    cue("dispute*", Reject, true, 0.6),
    cue("not allow", Reject, false, 0.6),
    cue("prevent*", Reject, false, 0.55),
    cue("undermin*", Reject, false, 0.6),
    cue("counter|counters|countered|countering", Reject, false, 0.5),
    cue("contain*", Reject, false, 0.45),
    // Conflict: threaten.
    cue("threat*", Threaten, false, 0.85),
    cue("warn*", Threaten, false, 0.8),
    cue("red line*", Threaten, false, 0.75),
    cue("retaliat*", Threaten, false, 0.65),
    cue("confront*", Threaten, true, 0.6),
    cue(
        "deter|deters|deterred|deterring|deterrence",
        Threaten,
        false,
        0.6,
    ),
    cue("escalat*", Threaten, false, 0.5),
    // Conflict: protest.
    cue("condemn*", Protest, false, 0.85),
    cue("criticiz*", Protest, false, 0.8),
    cue("criticis*", Protest, false, 0.8),
    cue("critical", Protest, false, 0.7),
    cue("criticism|critics", Protest, false, 0.6),
    cue("denounc*", Protest, false, 0.8),
    cue("protest*", Protest, false, 0.75),
    cue("slam*", Protest, false, 0.7),
    cue("rebuk*", Protest, false, 0.7),
    cue("hostil*", Protest, true, 0.6),
    cue("enem*", Protest, true, 0.6),
    cue("adversar*", Protest, true, 0.6),
    cue("feud*", Protest, true, 0.6),
    cue("clash* with", Protest, true, 0.4),
    // Conflict: sanction.
    cue("sanction*", Sanction, false, 0.85),
    cue("embargo*", Sanction, false, 0.8),
    cue("boycott*", Sanction, false, 0.75),
    cue("freez*", Sanction, false, 0.6),
    cue("cut* ties", Sanction, false, 0.75),
    cue("sever|severs|severed|severing", Sanction, false, 0.6),
    cue("expel*", Sanction, false, 0.65),
    cue("tariff*", Sanction, false, 0.6),
    // Conflict: mobilize.
    cue("deploy*", Mobilize, false, 0.75),
    cue("troops", Mobilize, false, 0.55),
    cue("forces", Mobilize, false, 0.35),
    cue("buffer zone*", Mobilize, false, 0.7),
    cue("mobiliz*", Mobilize, false, 0.75),
    cue("mobilis*", Mobilize, false, 0.75),
    cue("build* up", Mobilize, false, 0.6),
    cue("buildup", Mobilize, false, 0.6),
    cue("military presence", Mobilize, false, 0.6),
    cue("exercise*", Mobilize, false, 0.45),
    cue("drill*", Mobilize, false, 0.5),
    cue("mass* forces", Mobilize, false, 0.6),
    // Conflict: coerce.
    cue("pressur*", Coerce, false, 0.7),
    cue("coerc*", Coerce, false, 0.8),
    cue("arrest*", Coerce, false, 0.75),
    cue("detain*", Coerce, false, 0.75),
    cue("siege*", Coerce, false, 0.75),
    cue("besieg*", Coerce, false, 0.75),
    cue("blockad*", Coerce, false, 0.75),
    cue("seiz*", Coerce, false, 0.7),
    cue("captur*", Coerce, false, 0.65),
    cue("occup*", Coerce, false, 0.65),
    cue("control*", Coerce, false, 0.4),
    cue("crack* down", Coerce, false, 0.7),
    cue("crackdown", Coerce, false, 0.7),
    cue("repress*", Coerce, false, 0.7),
    cue("forced|forcing|forces to", Coerce, false, 0.4),
    cue("isolat*", Coerce, false, 0.5),
    // Conflict: assault.
    cue("attack*", Assault, false, 0.9),
    cue("strik*", Assault, false, 0.85),
    cue("struck", Assault, false, 0.85),
    cue("airstrike*", Assault, false, 0.9),
    cue("bomb*", Assault, false, 0.85),
    cue("shell*", Assault, false, 0.6),
    cue("raid*", Assault, false, 0.85),
    cue("kill*", Assault, false, 0.85),
    cue("assassinat*", Assault, false, 0.9),
    cue("invad*", Assault, false, 0.85),
    cue("invasion", Assault, false, 0.85),
    cue("offensive*", Assault, false, 0.8),
    cue("operation*", Assault, false, 0.45),
    cue("fight*", Assault, true, 0.75),
    cue("fought", Assault, true, 0.75),
    cue("battl*", Assault, true, 0.7),
    cue("clash*", Assault, true, 0.75),
    cue("war", Assault, true, 0.6),
    cue("conflict", Assault, true, 0.55),
    cue("hostilities", Assault, true, 0.7),
    cue("wars", Assault, true, 0.6),
    cue("fire* on", Assault, false, 0.7),
    cue("fired", Assault, false, 0.6),
    cue("missile*", Assault, false, 0.6),
    cue("drone*", Assault, false, 0.55),
    cue("target*", Assault, false, 0.6),
    cue("shoot* down", Assault, false, 0.8),
    cue("shot down", Assault, false, 0.8),
    cue("intercept*", Assault, false, 0.6),
    cue("destroy*", Assault, false, 0.7),
    cue("hit", Assault, false, 0.55),
    cue("retaliat* against", Assault, false, 0.7),
    cue("surg* into", Assault, false, 0.7),
    cue("advanc* on", Assault, false, 0.6),
    cue("massacr*", Assault, false, 0.85),
    cue("insurgenc*", Assault, false, 0.6),
];

/// How far a hedge reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The whole sentence: attribution ("according to"), rumour, the author's voice.
    Sentence,
    /// Only the verb it modifies: a modal at most four words before the cue ("may have
    /// guided", "potentially emerging as a mediator"), so that in "Iran may talk to Qatar now
    /// that it has struck Israel" the strike stays stated.
    Verb,
    /// A verb of saying: the sentence is reported, unless the speaker is one of the claim's
    /// actors or acts for one (a party on record: "Araghchi warned that Iran ...").
    Speech,
}

/// One hedge: words that make a proposal's certainty weaker than stated, and the certainty
/// they make it. The weakest hedge that reaches the cue wins.
#[derive(Clone, Copy, Debug)]
pub struct Hedge {
    /// The words, written as a [`Cue`]'s pattern.
    pub pattern: &'static str,
    /// The certainty they signal.
    pub certainty: Certainty,
    /// How far they reach.
    pub reach: Reach,
}

const fn hedge(pattern: &'static str, certainty: Certainty) -> Hedge {
    Hedge {
        pattern,
        certainty,
        reach: Reach::Sentence,
    }
}

const fn modal(pattern: &'static str, certainty: Certainty) -> Hedge {
    Hedge {
        pattern,
        certainty,
        reach: Reach::Verb,
    }
}

const fn speech(pattern: &'static str) -> Hedge {
    Hedge {
        pattern,
        certainty: Certainty::Reported,
        reach: Reach::Speech,
    }
}

use Certainty::{Alleged, Opinion, Reported, Speculative};

/// Every hedge and attribution, by the certainty it signals.
pub const HEDGES: &[Hedge] = &[
    // Attribution to another source.
    hedge("reportedly", Reported),
    hedge("according to", Reported),
    hedge("report*", Reported),
    hedge("sources", Reported),
    hedge("source said", Reported),
    speech("said"),
    speech("says"),
    speech("told"),
    speech("stated"),
    speech("announc*"),
    speech("claim*"),
    hedge("cited", Reported),
    hedge("citing", Reported),
    hedge("quoted", Reported),
    hedge("confirm*", Reported),
    speech("posted"),
    speech("wrote"),
    speech("notes|noted|stating|saying|added|explained|argued|insisted|emphasized|emphasised"),
    // Accusation.
    hedge("alleg*", Alleged),
    hedge("accus*", Alleged),
    hedge("purported*", Alleged),
    // Possibility, rumour, forecast. A party's statement of what it will do is stated, as the
    // party said it; only words of doubt make it speculative.
    hedge("rumor*", Speculative),
    hedge("rumour*", Speculative),
    modal("may", Speculative),
    modal("might", Speculative),
    modal("could", Speculative),
    modal("expected", Speculative),
    modal("likely", Speculative),
    modal("unlikely", Speculative),
    modal("possibl*", Speculative),
    modal("perhaps", Speculative),
    modal("potential*", Speculative),
    modal("suggest*", Speculative),
    hedge("speculat*", Speculative),
    // The author's own judgement.
    modal("should", Opinion),
    modal("must", Opinion),
    hedge("clearly", Opinion),
    hedge("obviously", Opinion),
    hedge("undoubtedly", Opinion),
    modal("seems", Opinion),
    modal("appears", Opinion),
    hedge("in fact", Opinion),
    hedge("i think", Opinion),
    hedge("i believe", Opinion),
    hedge("we", Opinion),
    hedge("our", Opinion),
    hedge("indeed", Opinion),
    hedge("arguably", Opinion),
    hedge("of course", Opinion),
    hedge("truly", Opinion),
];
