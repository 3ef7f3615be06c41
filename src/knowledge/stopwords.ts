// English function words that carry no topic: dropped from full-text queries ("how do I…" matched every long page).

const WORDS = `a about above after again against all also am an and any are aren as at be because been before
being below between both but by can cannot could did didn do does doesn doing don down during each either
else etc even ever every few for from further get gets got had has have having he her here hers herself him
himself his how however i if in into is isn it its itself just let like ll may me might more most much must
my myself need needs no nor not now of off often on once one only or other others our ours ourselves out over
own per please re really s same shall she should so some such t than that the their theirs them themselves
then there these they this those through thus to too under until up upon us ve very via was wasn we well were
what when where whether which while who whom whose why will with within without would yes yet you your yours
yourself yourselves e g eg ie i.e via lot lots thing things way ways want wants able`;

/** The stopword set, shared read-only. */
export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
