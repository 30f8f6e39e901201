import * as Y from 'yjs';
import {
  addActivity,
  addCard,
  addOffer,
  addTeamMember,
  addTheme,
  agreeFinding,
  initWorkshop,
  linkAnswer,
  linkEvidence,
  linkOfferToAction,
  setCardText,
  setCardTheme,
  updateSetup,
} from '../../shared/model/index.js';

/** Part of Dundee's January 2023 report, built through the model as a team would. */
export function dundee(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Collaborative Improvement – Dundee City Council', hostAuthority: 'Dundee City Council' });
  updateSetup(doc, {
    startDate: '2023-01-25',
    endDate: '2023-01-27',
    mode: 'in-person',
    focusQuestions: ['To what extent are our approaches to curriculum design and delivery helping us to achieve improved outcomes for our young people?'],
    rationale: 'The proportion of school leavers entering a positive destination is consistently below our virtual comparator.',
  });
  const data = addTheme(doc, 'Data use');
  addTheme(doc, 'Curriculum design and delivery');
  addTeamMember(doc, { organisation: 'Dundee City Council', role: 'Executive Director' });
  addTeamMember(doc, { organisation: 'ADES', role: 'Director of Education, Renfrewshire' });
  const heads = addActivity(doc, { type: 'Head teachers', participants: 6 });
  addActivity(doc, { type: 'Head teachers', participants: 5 });
  addActivity(doc, { type: 'Pupils', participants: 12 });

  const relationships = addCard(doc, {
    board: 'working-well',
    headline: 'Relationships',
    createdBy: 'Shona',
    body: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Colleagues ' }, { type: 'text', text: 'enjoy working in Dundee', marks: [{ type: 'bold' }] }, { type: 'text', text: '.' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Head Teachers feel very well supported' }] }] }] },
    ],
  });
  setCardText(doc, relationships, 'quote', 'I like who I work for, and with');
  linkEvidence(doc, relationships, heads);
  const draft = addCard(doc, { board: 'working-well', headline: 'Still being discussed', createdBy: 'Callum' });
  const context = addCard(doc, { board: 'working-well', headline: 'Knowledge of context and readiness for challenge', createdBy: 'Shona' });
  const bge = addCard(doc, { board: 'development', headline: 'Improve the Broad General Education (BGE), and in particular the S3 experience.', createdBy: 'Shona' });
  const plan = addCard(doc, { board: 'action', headline: 'A more detailed citywide Senior Phase Improvement Plan will be developed', createdBy: 'Shona' });
  setCardText(doc, plan, 'lead', 'A head teacher, overseen by the Chief Education Officer');
  setCardText(doc, plan, 'timescale', 'by June 2023');
  setCardTheme(doc, bge, data);
  linkAnswer(doc, plan, bge);
  const offer = addOffer(doc, { from: 'Inverclyde, Education Scotland, RIC', offer: 'Support with moderation and assessment', to: 'Dundee' });
  linkOfferToAction(doc, offer, plan);
  for (const id of [relationships, context, bge, plan]) agreeFinding(doc, id, 'Shona Mackay', '2023-01-27T15:00:00.000Z');
  void draft;
  return doc;
}
